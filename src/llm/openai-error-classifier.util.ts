import { APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { LlmError, LlmErrorKind } from './llm-error';
import { retryAfterMs } from './llm-retry-policy';

export interface OpenAiFailureContext {
  model: string;
  /** Our per-request timeout fired. */
  timedOut: boolean;
  /** The caller's signal aborted (the turn was abandoned). */
  cancelled: boolean;
  now: number;
  /** Removes secrets (the API key) from text taken from the error. */
  redact: (text: string) => string;
}

/**
 * Maps whatever the openai SDK threw to an LlmError. The SDK's error message can quote the API
 * key (partially masked by OpenAI, verbatim by some compatible servers), hence `redact`.
 */
export function classifyOpenAiError(error: unknown, context: OpenAiFailureContext): LlmError {
  const { model } = context;
  const reason = context.redact(error instanceof Error ? error.message : String(error));
  const message = (what: string): string => `LLM ${model}: ${what}: ${reason}`;
  if (context.cancelled) {
    return new LlmError(LlmErrorKind.Timeout, message('cancelled by the caller'), { model });
  }
  if (
    context.timedOut ||
    error instanceof APIConnectionTimeoutError ||
    error instanceof APIUserAbortError
  ) {
    return new LlmError(LlmErrorKind.Timeout, message('no answer within the timeout'), { model });
  }
  // instanceof on the generic class yields APIError<any, …>; pin the declared defaults.
  const apiError: APIError<number | undefined, Headers | undefined> | undefined =
    error instanceof APIError ? error : undefined;
  const status = apiError?.status;
  if (!apiError || status === undefined) {
    // APIConnectionError and anything unexpected (a proxy's HTML page, a broken stream).
    return new LlmError(LlmErrorKind.ServerError, message('endpoint unreachable'), { model });
  }
  if (status === 429) {
    const headers = apiError.headers;
    const wait = headers ? retryAfterMs((name) => headers.get(name), context.now) : undefined;
    return new LlmError(LlmErrorKind.RateLimited, message('rate limited'), {
      model,
      status,
      retryAfterMs: wait,
    });
  }
  if (status === 401 || status === 403) {
    return new LlmError(LlmErrorKind.Auth, message('rejected the API key'), { model, status });
  }
  if (status === 408) {
    return new LlmError(LlmErrorKind.Timeout, message('request timeout'), { model, status });
  }
  // 409 (lock timeout) is retried by OpenAI's own SDK policy as well.
  if (status >= 500 || status === 409) {
    return new LlmError(LlmErrorKind.ServerError, message('server error'), { model, status });
  }
  return new LlmError(LlmErrorKind.BadRequest, message('bad request'), { model, status });
}
