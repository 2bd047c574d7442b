import { INestApplication } from '@nestjs/common';
import { NextFunction, Request, RequestHandler, Response } from 'express';
import { RequestAuthorizer } from '../auth/request-authorizer.service';
import { Access } from '../auth/route-policy';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorBody } from '../common/errors/error-body';
import { httpStatusOf } from '../common/errors/error-code';
import { Role } from '../users/entities/api-user.entity';

/** The board shows and changes every queue: admins only. */
export const QUEUE_BOARD_ACCESS: Access = Role.Admin;

/** Decides whether a request may reach the board; throws a DomainException when refused. */
export type BoardAuthorizer = (request: Request, response: Response) => Promise<unknown>;

/**
 * The same decision the global AccessGuard makes for Nest routes (RequestAuthorizer): the
 * X-API-Key header or the dashboard's session cookie (with its CSRF rule for changes), then the
 * role. The board is an Express app of its own, outside Nest routing and ROUTE_POLICY.
 */
export function boardAuthorizer(app: INestApplication): BoardAuthorizer {
  const authorizer = app.get(RequestAuthorizer);
  return (request, response) => authorizer.authorize(request, response, QUEUE_BOARD_ACCESS);
}

function refuse(request: Request, response: Response, error: DomainException): void {
  const status = httpStatusOf(error.code);
  // pino-http sets req.id (string, from X-Request-Id or a fresh UUID).
  const id = (request as Request & { id?: unknown }).id;
  const body: ErrorBody = {
    status,
    error: error.code,
    message: error.message,
    ...(typeof id === 'string' ? { request_id: id } : {}),
  };
  response.status(status).json(body);
}

/** Express middleware in front of the queue board: answers refusals in the API's error shape. */
export function queueBoardAccess(authorize: BoardAuthorizer): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    authorize(request, response).then(
      () => next(),
      (error: unknown) =>
        error instanceof DomainException ? refuse(request, response, error) : next(error),
    );
  };
}
