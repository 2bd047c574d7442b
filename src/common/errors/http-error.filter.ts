import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { isDependencyUnavailable } from './dependency-unavailable';
import { DomainException } from './domain.exception';
import { ErrorCode, httpStatusOf } from './error-code';
import { ErrorBody } from './error-body';

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
    case 422:
      return ErrorCode.BadRequest;
    case 401:
      return ErrorCode.Unauthorized;
    case 403:
      return ErrorCode.Forbidden;
    case 404:
      return ErrorCode.NotFound;
    case 409:
      return ErrorCode.Conflict;
    case 413:
      return ErrorCode.PayloadTooLarge;
    case 415:
      return ErrorCode.UnsupportedMediaType;
    case 429:
      return ErrorCode.RateLimited;
    case 503:
      return ErrorCode.ServiceUnavailable;
    default:
      return status >= 500 ? ErrorCode.Internal : ErrorCode.BadRequest;
  }
}

/**
 * Maps every error to the one JSON shape. Domain exceptions carry their code; Nest's HTTP
 * exceptions (routing, guards, throttling) keep their status; PostgreSQL or Redis being
 * unavailable is a 503 (retry later); anything else is a 500 whose details go to the log, never
 * to the client.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const body = this.toBody(exception);
    body.request_id = request.id;
    if (body.status >= 500) {
      this.logger.error(
        { err: exception, method: request.method, path: request.url.split('?')[0] },
        'Unhandled error while serving a request',
      );
    }
    if (exception instanceof DomainException) {
      for (const [name, value] of Object.entries(exception.headers)) {
        void reply.header(name, value);
      }
    }
    if (!reply.sent) {
      void reply.status(body.status).send(body);
    }
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainException) {
      return {
        status: httpStatusOf(exception.code),
        error: exception.code,
        message: exception.message,
        ...(exception.fields.length > 0 ? { fields: exception.fields } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      const message =
        typeof raw === 'string'
          ? raw
          : typeof (raw as { message?: unknown }).message === 'string'
            ? (raw as { message: string }).message
            : exception.message;
      return { status, error: codeForStatus(status), message };
    }
    if (isDependencyUnavailable(exception)) {
      return {
        status: 503,
        error: ErrorCode.ServiceUnavailable,
        message: 'A dependency (PostgreSQL or Redis) is unavailable; retry shortly',
      };
    }
    return { status: 500, error: ErrorCode.Internal, message: 'Internal server error' };
  }
}
