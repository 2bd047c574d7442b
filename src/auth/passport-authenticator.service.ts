import { Injectable } from '@nestjs/common';
import { Request, Response } from 'express';
import { Passport } from 'passport';
import { Strategy as CustomStrategy } from 'passport-custom';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code';
import { ApiKeyAuthenticator } from './api-key-authenticator.service';
import { Principal } from './principal';
import { SESSION_COOKIE, SESSION_EXPIRES_HEADER } from './session-cookie';
import { SessionService } from './session.service';

type Done = (error: unknown, user?: Principal | false) => void;

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
      new CustomStrategy((req: Request, done: Done) => {
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
      new CustomStrategy((req: Request, done: Done) => {
        const cookies = req.cookies as Record<string, unknown> | undefined;
        const secret = cookies?.[SESSION_COOKIE];
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
            req.res?.setHeader(SESSION_EXPIRES_HEADER, valid.expiresAt.toISOString());
            done(null, valid.principal);
          },
          (error: unknown) => done(error),
        );
      }),
    );
  }

  /** The request's principal, or null when no strategy accepted it. */
  authenticate(req: Request, res: Response): Promise<Principal | null> {
    return new Promise((resolve, reject) => {
      const middleware = this.passport.authenticate(
        ['api-key', 'session'],
        { session: false },
        (error: unknown, user: Principal | false | undefined) => {
          if (error) {
            reject(asError(error));
            return;
          }
          resolve(user || null);
        },
      ) as (req: Request, res: Response, next: (error?: unknown) => void) => void;
      middleware(req, res, (error?: unknown) => (error ? reject(asError(error)) : resolve(null)));
    });
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error('Authentication failed');
}
