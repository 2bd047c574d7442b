import { NextFunction, Request, Response } from 'express';
import { DomainException } from './domain.exception';
import { ErrorCode } from './error-code';

/** The fields body-parser sets on the errors it raises. */
interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
  message: string;
}

/**
 * Express error middleware placed right after the JSON body parser: turns its errors (malformed
 * JSON, body too large, unsupported charset) into DomainExceptions, so they get the one error shape
 * with the field named. Other errors pass through untouched.
 */
export function bodyParserErrors(
  error: unknown,
  _request: Request,
  _response: Response,
  next: NextFunction,
): void {
  const e = error as BodyParserError;
  switch (e?.type ?? '') {
    case 'entity.parse.failed':
      return next(
        DomainException.validation(
          [{ field: 'body', reason: `malformed JSON: ${e.message}` }],
          'Request body is not valid JSON',
        ),
      );
    case 'entity.too.large':
      return next(new DomainException(ErrorCode.PayloadTooLarge, 'Request body is too large'));
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return next(new DomainException(ErrorCode.UnsupportedMediaType, e.message));
    default:
      return next(error);
  }
}
