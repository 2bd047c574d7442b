/** Why an LLM completion failed; the engine decides from this whether to skip, pause or retry. */
export enum LlmErrorKind {
  /** No answer within the request timeout (or the caller cancelled). */
  Timeout = 'timeout',
  /** 429 from the endpoint after the provider's own bounded retries. */
  RateLimited = 'rate_limited',
  /** 5xx or the endpoint unreachable. */
  ServerError = 'server_error',
  /** 400/404/422: bad parameters or unknown model. Retrying the same request cannot help. */
  BadRequest = 'bad_request',
  /** 401/403: wrong or revoked API key. */
  Auth = 'auth',
  /** The circuit breaker is open: the endpoint failed repeatedly, calls are shed for a while. */
  CircuitOpen = 'circuit_open',
  /** The daily budget (llm_daily_budget_usd) is spent. */
  BudgetExceeded = 'budget_exceeded',
  /** The model answered with nothing usable. */
  EmptyOutput = 'empty_output',
}

export interface LlmErrorDetails {
  model?: string;
  status?: number;
  /** For rate_limited: what the endpoint asked us to wait. */
  retryAfterMs?: number;
}

/** The only error an LlmProvider throws; its message never contains the API key. */
export class LlmError extends Error {
  readonly kind: LlmErrorKind;
  readonly model: string | undefined;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(kind: LlmErrorKind, message: string, details: LlmErrorDetails = {}) {
    super(message);
    this.name = 'LlmError';
    this.kind = kind;
    this.model = details.model;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
  }

  /** Worth another attempt with the same request after a backoff. */
  get retryable(): boolean {
    return (
      this.kind === LlmErrorKind.Timeout ||
      this.kind === LlmErrorKind.RateLimited ||
      this.kind === LlmErrorKind.ServerError ||
      this.kind === LlmErrorKind.EmptyOutput
    );
  }
}
