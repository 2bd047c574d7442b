import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedRequest } from './principal';
import { RequestAuthorizer } from './request-authorizer.service';
import { ROUTE_POLICY, routeKey } from './route-policy';

/**
 * The global guard: looks the route up in ROUTE_POLICY and lets the RequestAuthorizer decide
 * (authentication, CSRF for cookie authentication, role). A route missing from the table is
 * refused — forgetting a policy entry can never open a route to everyone.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(private readonly authorizer: RequestAuthorizer) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') {
      return true;
    }
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & AuthenticatedRequest>();
    const key = routeKey(request.method, request.routeOptions.url ?? request.url);
    const access = ROUTE_POLICY[key];
    if (access === undefined) {
      this.logger.error(`Route ${key} has no entry in ROUTE_POLICY; refusing it.`);
      throw new DomainException(ErrorCode.Forbidden, 'This route has no access policy');
    }
    const principal = await this.authorizer.authorize(
      request,
      http.getResponse<FastifyReply>(),
      access,
    );
    if (principal) {
      request.principal = principal;
    }
    return true;
  }
}
