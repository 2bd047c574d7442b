import { INestApplication } from '@nestjs/common';
import { NextFunction, Request, RequestHandler, Response } from 'express';
import { ApiKeyAuthenticator } from '../auth/api-key-authenticator.service';
import { Principal } from '../auth/principal';
import { ErrorBody } from '../common/errors/error-body';
import { ErrorCode } from '../common/errors/error-code';
import { Role } from '../users/entities/api-user.entity';

/** Resolves the caller of a request outside Nest routing, or null when not authenticated. */
export type RequestAuthenticator = (request: Request) => Promise<Principal | null>;

/**
 * THE ONE PLACE the queue board authenticates: the same credentials the AccessGuard accepts
 * (today the X-API-Key header through ApiKeyAuthenticator). When the auth module adds sessions or
 * restructures the guard, change only this function so the board keeps accepting exactly what
 * the REST API accepts.
 */
export function requestAuthenticator(app: INestApplication): RequestAuthenticator {
  const apiKeys = app.get(ApiKeyAuthenticator);
  return async (request) => {
    const header = request.headers['x-api-key'];
    return typeof header === 'string' && header.length > 0 ? apiKeys.authenticate(header) : null;
  };
}

function refuse(request: Request, response: Response, status: 401 | 403, message: string): void {
  // pino-http sets req.id (string, from X-Request-Id or a fresh UUID).
  const id = (request as Request & { id?: unknown }).id;
  const body: ErrorBody = {
    status,
    error: status === 401 ? ErrorCode.Unauthorized : ErrorCode.Forbidden,
    message,
    ...(typeof id === 'string' ? { request_id: id } : {}),
  };
  response.status(status).json(body);
}

/**
 * Express middleware in front of the queue board (mounted outside Nest routing, so the global
 * AccessGuard never sees it): admins only.
 */
export function queueBoardAccess(authenticate: RequestAuthenticator): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    authenticate(request).then(
      (principal) => {
        if (!principal) {
          refuse(request, response, 401, 'Authentication required');
        } else if (principal.role !== Role.Admin) {
          refuse(request, response, 403, 'The queue board needs the admin role');
        } else {
          next();
        }
      },
      (error: unknown) => next(error),
    );
  };
}
