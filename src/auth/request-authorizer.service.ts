import { Inject, Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ROLE_RANK } from '../users/entities/api-user.entity';
import { isCsrfSafe } from './csrf.util';
import { PassportAuthenticator } from './passport-authenticator.service';
import { Principal } from './principal';
import { Access } from './route-policy';
import { isSafeMethod } from '../common/http/safe-method';

/**
 * The access decision for one request, given the access its route needs: authentication
 * (X-API-Key header or session cookie), the CSRF check for cookie authentication, the role.
 * The global AccessGuard uses it for Nest routes and the queue board for its own plugin, so
 * both accept exactly the same credentials. Throws a DomainException (401/403/400) when refused.
 */
@Injectable()
export class RequestAuthorizer {
  constructor(
    private readonly authenticator: PassportAuthenticator,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The caller's principal (null for a public route), or a DomainException. */
  async authorize(
    request: FastifyRequest,
    reply: FastifyReply,
    access: Access,
  ): Promise<Principal | null> {
    if (access === 'public') {
      // No credentials here, but a browser posting from a foreign page (login CSRF) is refused.
      if (request.headers.origin !== undefined && !this.originAllowed(request)) {
        throw new DomainException(ErrorCode.Forbidden, 'Cross-origin request refused');
      }
      return null;
    }
    if (request.query && typeof request.query === 'object' && 'api_key' in request.query) {
      throw new DomainException(
        ErrorCode.BadRequest,
        'API keys are not accepted in the query string; send the X-API-Key header',
      );
    }
    const principal = await this.authenticator.authenticate(request, reply);
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
    if (ROLE_RANK[principal.role] < ROLE_RANK[access]) {
      throw new DomainException(ErrorCode.Forbidden, `This action needs the ${access} role`);
    }
    return principal;
  }

  private originAllowed(request: FastifyRequest): boolean {
    if (isSafeMethod(request.method)) {
      return true;
    }
    const secFetchSite = request.headers['sec-fetch-site'];
    return isCsrfSafe({
      method: request.method,
      origin: request.headers.origin,
      secFetchSite: typeof secFetchSite === 'string' ? secFetchSite : undefined,
      ownOrigin: `${request.protocol}://${request.headers.host ?? ''}`,
      allowedOrigins: this.config.http.corsOrigins,
    });
  }
}
