import { Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Passport } from 'passport';
import { Strategy as CustomStrategy } from 'passport-custom';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code';
import { ApiKeyAuthenticator } from './api-key-authenticator.service';
import { Principal } from './principal';
import { SESSION_COOKIE, SESSION_EXPIRES_HEADER } from './session-cookie';
import { SessionService } from './session.service';

/** What a strategy tells beside the principal: the session's expiry, for the response header. */
interface AuthInfo {
  sessionExpiresAt?: Date;
}

type Done = (error: unknown, user?: Principal | false, info?: AuthInfo) => void;

/**
 * Passport with two strategies, tried in order: `api-key` (X-API-Key header) then `session`
 * (the piyasa.session cookie). A presented but invalid API key is an error, not a fall-through,
 * so a bad key never silently runs as the cookie's user. The Passport instance is this app's own
 * (not the global singleton), so several apps in one process (tests, replicas) cannot overwrite
 * each other's strategies.
 */
@Injectable()
export class PassportAuthenticator {
  private readonly passport = new Passport();

  constructor(apiKeys: ApiKeyAuthenticator, sessions: SessionService) {
    this.passport.use(
      'api-key',
      strategy((req, done) => {
        const header = req.headers['x-api-key'];
        if (header === undefined) {
          done(null, false);
          return;
        }
        const raw = Array.isArray(header) ? '' : header;
        apiKeys.authenticate(raw).then(
          (principal) =>
            principal
              ? done(null, principal)
              : done(new DomainException(ErrorCode.Unauthorized, 'Invalid or revoked API key')),
          (error: unknown) => done(error),
        );
      }),
    );
    this.passport.use(
      'session',
      strategy((req, done) => {
        const secret = req.cookies[SESSION_COOKIE];
        if (typeof secret !== 'string' || secret === '') {
          done(null, false);
          return;
        }
        sessions.authenticate(secret).then(
          (valid) => {
            if (!valid) {
              done(null, false);
              return;
            }
            done(null, valid.principal, { sessionExpiresAt: valid.expiresAt });
          },
          (error: unknown) => done(error),
        );
      }),
    );
  }

  /** The request's principal, or null when no strategy accepted it. */
  authenticate(req: FastifyRequest, reply: FastifyReply): Promise<Principal | null> {
    return new Promise((resolve, reject) => {
      const middleware = this.passport.authenticate(
        ['api-key', 'session'],
        { session: false },
        (error: unknown, user: Principal | false | undefined, info: AuthInfo | undefined) => {
          if (error) {
            reject(asError(error));
            return;
          }
          if (user && info?.sessionExpiresAt) {
            void reply.header(SESSION_EXPIRES_HEADER, info.sessionExpiresAt.toISOString());
          }
          resolve(user || null);
        },
      ) as (req: FastifyRequest, reply: FastifyReply, next: (error?: unknown) => void) => void;
      middleware(req, reply, (error?: unknown) => (error ? reject(asError(error)) : resolve(null)));
    });
  }
}

/**
 * A passport-custom strategy over Fastify's request. Passport's types are Express' (it only hands
 * the request through), so the one cast between the two lives here.
 */
function strategy(
  verify: (req: FastifyRequest, done: Done) => void,
): InstanceType<typeof CustomStrategy> {
  return new CustomStrategy((req, done) => verify(req as unknown as FastifyRequest, done as Done));
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error('Authentication failed');
}
