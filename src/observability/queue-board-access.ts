import { INestApplication } from '@nestjs/common';
import { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { RequestAuthorizer } from '../auth/request-authorizer.service';
import { Access } from '../auth/route-policy';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorBody } from '../common/errors/error-body';
import { httpStatusOf } from '../common/errors/error-code';
import { Role } from '../users/entities/api-user.entity';

/** The board shows and changes every queue: admins only. */
export const QUEUE_BOARD_ACCESS: Access = Role.Admin;

/** Decides whether a request may reach the board; throws a DomainException when refused. */
export type BoardAuthorizer = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/**
 * The same decision the global AccessGuard makes for Nest routes (RequestAuthorizer): the
 * X-API-Key header or the dashboard's session cookie (with its CSRF rule for changes), then the
 * role. The board is a plugin of its own, outside Nest routing and ROUTE_POLICY.
 */
export function boardAuthorizer(app: INestApplication): BoardAuthorizer {
  const authorizer = app.get(RequestAuthorizer);
  return (request, reply) => authorizer.authorize(request, reply, QUEUE_BOARD_ACCESS);
}

/** The request hook in front of the queue board: answers refusals in the API's error shape. */
export function queueBoardAccess(authorize: BoardAuthorizer): onRequestAsyncHookHandler {
  return async (request, reply) => {
    try {
      await authorize(request, reply);
    } catch (error) {
      if (!(error instanceof DomainException)) {
        throw error;
      }
      const status = httpStatusOf(error.code);
      const body: ErrorBody = {
        status,
        error: error.code,
        message: error.message,
        request_id: request.id,
      };
      return reply.status(status).send(body);
    }
  };
}
