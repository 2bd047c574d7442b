import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Request, Response } from 'express';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ROLE_RANK } from '../users/entities/api-user.entity';
import { isCsrfSafe } from './csrf.util';
import { PassportAuthenticator } from './passport-authenticator.service';
import { AuthenticatedRequest } from './principal';
import { ROUTE_POLICY, routeKey } from './route-policy';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The global guard: looks the route up in ROUTE_POLICY, authenticates the caller (passport:
 * X-API-Key header or session cookie), compares roles, and applies the CSRF check to cookie
 * authentication. A route missing from the table is refused — forgetting a policy entry can never
 * open a route to everyone.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly authenticator: PassportAuthenticator,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') {
      return true;
    }
    const http = context.switchToHttp();
    const request = http.getRequest<Request & AuthenticatedRequest>();
    const path = (request.route as { path?: string } | undefined)?.path ?? request.path;
    const key = routeKey(request.method, path);
    const access = ROUTE_POLICY[key];
    if (access === undefined) {
      this.logger.error(`Route ${key} has no entry in ROUTE_POLICY; refusing it.`);
      throw new DomainException(ErrorCode.Forbidden, 'This route has no access policy');
    }
    if (access === 'public') {
      // No credentials here, but a browser posting from a foreign page (login CSRF) is refused.
      if (request.headers.origin !== undefined && !this.originAllowed(request)) {
        throw new DomainException(ErrorCode.Forbidden, 'Cross-origin request refused');
      }
      return true;
    }
    if (request.query && 'api_key' in request.query) {
      throw new DomainException(
        ErrorCode.BadRequest,
        'API keys are not accepted in the query string; send the X-API-Key header',
      );
    }
    const principal = await this.authenticator.authenticate(request, http.getResponse<Response>());
    if (!principal) {
      throw new DomainException(ErrorCode.Unauthorized, 'Authentication required');
    }
    if (principal.sessionId !== null && !this.originAllowed(request)) {
      throw new DomainException(
        ErrorCode.Forbidden,
        'Cross-site request refused: state-changing requests with the session cookie must come ' +
          'from the dashboard origin (or use an X-API-Key)',
      );
    }
    request.principal = principal;
    if (ROLE_RANK[principal.role] < ROLE_RANK[access]) {
      throw new DomainException(ErrorCode.Forbidden, `This action needs the ${access} role`);
    }
    return true;
  }

  private originAllowed(request: Request): boolean {
    if (SAFE_METHODS.has(request.method)) {
      return true;
    }
    const secFetchSite = request.headers['sec-fetch-site'];
    return isCsrfSafe({
      method: request.method,
      origin: request.headers.origin,
      secFetchSite: typeof secFetchSite === 'string' ? secFetchSite : undefined,
      ownOrigin: `${request.protocol}://${request.get('host') ?? ''}`,
      allowedOrigins: this.config.http.corsOrigins,
    });
  }
}
