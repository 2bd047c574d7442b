import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Request } from 'express';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code';
import { ROLE_RANK } from '../users/entities/api-user.entity';
import { ApiKeyAuthenticator } from './api-key-authenticator.service';
import { AuthenticatedRequest } from './principal';
import { ROUTE_POLICY, routeKey } from './route-policy';

/**
 * The global guard: looks the route up in ROUTE_POLICY, authenticates the caller and compares
 * roles. A route missing from the table is refused — forgetting a policy entry can never open a
 * route to everyone.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(private readonly apiKeys: ApiKeyAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') {
      return true;
    }
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const path = (request.route as { path?: string } | undefined)?.path ?? request.path;
    const key = routeKey(request.method, path);
    const access = ROUTE_POLICY[key];
    if (access === undefined) {
      this.logger.error(`Route ${key} has no entry in ROUTE_POLICY; refusing it.`);
      throw new DomainException(ErrorCode.Forbidden, 'This route has no access policy');
    }
    if (access === 'public') {
      return true;
    }
    if (request.query && 'api_key' in request.query) {
      throw new DomainException(
        ErrorCode.BadRequest,
        'API keys are not accepted in the query string; send the X-API-Key header',
      );
    }
    const header = request.headers['x-api-key'];
    const principal =
      typeof header === 'string' && header.length > 0
        ? await this.apiKeys.authenticate(header)
        : null;
    if (!principal) {
      throw new DomainException(ErrorCode.Unauthorized, 'Authentication required');
    }
    request.principal = principal;
    if (ROLE_RANK[principal.role] < ROLE_RANK[access]) {
      throw new DomainException(ErrorCode.Forbidden, `This action needs the ${access} role`);
    }
    return true;
  }
}
