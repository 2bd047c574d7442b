import { ErrorCode } from './error-code';

/** A field that failed validation and why, e.g. {field: "persona_profile.watchlist", reason: "…"}. */
export interface FieldError {
  field: string;
  reason: string;
}

/**
 * The one exception services and processors throw. It carries a code, not an HTTP status: the
 * HTTP edge (HttpErrorFilter) maps codes to statuses, and workers never depend on HTTP.
 */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
    /** Extra headers for the HTTP answer, e.g. Retry-After on rate limiting. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'DomainException';
  }

  static notFound(resource: string, id: string | number): DomainException {
    return new DomainException(ErrorCode.NotFound, `${resource} ${id} not found`);
  }

  static validation(fields: FieldError[], message = 'Request validation failed'): DomainException {
    return new DomainException(ErrorCode.ValidationFailed, message, fields);
  }

  static conflict(message: string, fields: FieldError[] = []): DomainException {
    return new DomainException(ErrorCode.Conflict, message, fields);
  }
}
