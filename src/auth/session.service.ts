import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { ClockService } from '../common/clock/clock.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CredentialCache } from './credential-cache.service';
import { ApiSession } from './entities/api-session.entity';
import { Principal } from './principal';
import { SessionRevokedEvent } from './session-events';
import {
  generateSessionSecret,
  hashSessionSecret,
  isWellFormedSessionSecret,
} from './session-secret.util';

/** last_seen_at is written at most this often, so most requests only read. */
const LAST_SEEN_RESOLUTION_MS = 15_000;

export interface IssuedSession {
  /** The cookie value; returned once, never stored. */
  secret: string;
  session: ApiSession;
  /** When the session ends if unused (the earlier of idle and absolute expiry). */
  expiresAt: Date;
  /** Absolute end: the cookie's own expiry (the idle timeout is enforced by the server). */
  absoluteExpiresAt: Date;
}

export interface ValidSession {
  principal: Principal;
  expiresAt: Date;
}

/**
 * Login sessions: a random 256-bit secret in the cookie, its SHA-256 in api_sessions. A session
 * ends at the earlier of its absolute expiry and last use + the idle timeout, on logout, and when
 * its user's credentials or status change (revokeAllForUser, which also tells WebSocket gateways).
 */
@Injectable()
export class SessionService {
  constructor(
    @InjectRepository(ApiSession) private readonly sessions: Repository<ApiSession>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: ClockService,
    private readonly cache: CredentialCache,
  ) {}

  async create(
    userId: number,
    ip: string | null,
    userAgent: string | null,
  ): Promise<IssuedSession> {
    const now = this.clock.now();
    const secret = generateSessionSecret();
    const session = await this.sessions.save(
      this.sessions.create({
        userId,
        secretHash: hashSessionSecret(secret),
        ip: ip?.slice(0, 64) ?? null,
        userAgent: userAgent?.slice(0, 512) ?? null,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + this.config.auth.sessionAbsoluteMs),
      }),
    );
    return {
      secret,
      session,
      expiresAt: this.effectiveExpiry(session),
      absoluteExpiresAt: session.expiresAt,
    };
  }

  /**
   * The principal of a live session, or null (unknown, revoked, expired, or user unable to act).
   * A verified session is served from the CredentialCache for a few seconds (shorter than the
   * last_seen_at resolution, so the idle timeout still sees every active session).
   */
  async authenticate(secret: string): Promise<ValidSession | null> {
    if (!isWellFormedSessionSecret(secret)) {
      return null;
    }
    const secretHash = hashSessionSecret(secret);
    const cached = this.cache.get(secretHash);
    if (cached?.expiresAt) {
      return { principal: cached.principal, expiresAt: cached.expiresAt };
    }
    const valid = await this.verify(secretHash);
    if (valid) {
      this.cache.set(secretHash, valid);
    }
    return valid;
  }

  private async verify(secretHash: string): Promise<ValidSession | null> {
    const session = await this.sessions.findOne({
      where: { secretHash },
      relations: { user: true },
    });
    const user = session?.user;
    const now = this.clock.now();
    if (!session || !user || session.revokedAt || this.effectiveExpiry(session) <= now) {
      return null;
    }
    if (!user.isActive || user.deletedAt) {
      return null;
    }
    if (now.getTime() - session.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
      session.lastSeenAt = now;
      await this.sessions.update({ id: session.id }, { lastSeenAt: now });
    }
    return {
      principal: {
        userId: user.id,
        username: user.username,
        role: user.role,
        apiKeyId: null,
        sessionId: session.id,
      },
      expiresAt: this.effectiveExpiry(session),
    };
  }

  /** Revokes one session (logout). Returns false when it was not live. */
  async revoke(sessionId: number): Promise<boolean> {
    const result = await this.sessions.update(
      { id: sessionId, revokedAt: IsNull() },
      { revokedAt: this.clock.now() },
    );
    const revoked = (result.affected ?? 0) > 0;
    if (revoked) {
      const session = await this.sessions.findOneBy({ id: sessionId });
      if (session) {
        await this.publish({
          type: 'session_revoked',
          user_id: session.userId,
          session_id: sessionId,
          reason: 'logout',
        });
      }
    }
    return revoked;
  }

  /** Revokes a session by its cookie secret, if it is one (session fixation defence at login). */
  async revokeBySecret(secret: string): Promise<void> {
    if (!isWellFormedSessionSecret(secret)) {
      return;
    }
    const session = await this.sessions.findOneBy({ secretHash: hashSessionSecret(secret) });
    if (session && !session.revokedAt) {
      await this.revoke(session.id);
    }
  }

  /**
   * Revokes every session of a user, inside the caller's transaction when given one. The event is
   * published after the write; gateways close that user's sockets on it.
   */
  async revokeAllForUser(
    userId: number,
    reason: SessionRevokedEvent['reason'],
    manager?: EntityManager,
  ): Promise<void> {
    const repository = manager ? manager.getRepository(ApiSession) : this.sessions;
    await repository.update({ userId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
    await this.publish({ type: 'session_revoked', user_id: userId, session_id: null, reason });
  }

  effectiveExpiry(session: ApiSession): Date {
    const idle = session.lastSeenAt.getTime() + this.config.auth.sessionIdleMs;
    return new Date(Math.min(idle, session.expiresAt.getTime()));
  }

  /** Drops cached credentials here and tells the other processes (caches, WebSocket gateways). */
  private publish(event: SessionRevokedEvent): Promise<void> {
    return this.cache.revoked(event);
  }
}
