import type { ApiErrorBody, FieldError } from './types';

/**
 * Every failed API call ends as one of these, whatever the server sent: forms read
 * `fieldErrors` to show a reason next to each field, notifications read `message`.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  readonly requestId: string | undefined;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    fields?: FieldError[];
    requestId?: string;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? [];
    this.requestId = init.requestId;
  }

  /** field → reason; the first reason wins when the server repeats a field. */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const { field, reason } of this.fields) {
      out[field] ??= reason;
    }
    return out;
  }

  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toFieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.flatMap((item): FieldError[] =>
    isRecord(item) && typeof item.field === 'string'
      ? [
          {
            field: item.field,
            reason:
              typeof item.reason === 'string' ? item.reason : JSON.stringify(item.reason ?? ''),
          },
        ]
      : [],
  );
}

/**
 * Builds an ApiError from a status and whatever body came back: the API's own shape
 * `{status, error, message, fields, request_id}`, a bare string (a proxy's HTML page), or nothing.
 */
export function normalizeApiError(status: number, body: unknown, statusText = ''): ApiError {
  if (isRecord(body)) {
    const candidate = body as Partial<ApiErrorBody> & Record<string, unknown>;
    // Nest's default body uses `message: string[]` for validation errors; keep them readable.
    const message = Array.isArray(candidate.message)
      ? candidate.message.map(String).join('; ')
      : typeof candidate.message === 'string'
        ? candidate.message
        : statusText;
    return new ApiError({
      status: typeof candidate.status === 'number' ? candidate.status : status,
      code: typeof candidate.error === 'string' ? candidate.error : `http_${status}`,
      message: message || `HTTP ${status}`,
      fields: toFieldErrors(candidate.fields),
      requestId: typeof candidate.request_id === 'string' ? candidate.request_id : undefined,
    });
  }
  return new ApiError({
    status,
    code: status === 0 ? 'network_error' : `http_${status}`,
    message: statusText || (status === 0 ? 'Network error' : `HTTP ${status}`),
  });
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
