import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ClockService } from '../common/clock/clock.service';
import { RedisService } from '../redis/redis.service';
import { Principal } from './principal';
import { AUTH_EVENTS_CHANNEL_PARTS, AuthEvent } from './session-events';

/**
 * How long a verified credential is trusted without reading PostgreSQL. Revocations reach every
 * API process at once through the auth events channel; the TTL only bounds what a lost event
 * (Redis unreachable at that moment) could leave behind.
 */
export const CREDENTIAL_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

export interface CachedCredential {
  principal: Principal;
  /** When the credential itself ends (key expiry, session idle/absolute expiry); null = never. */
  expiresAt: Date | null;
}

interface Entry extends CachedCredential {
  cachedUntil: number;
}

/**
 * Verified API keys and sessions by the SHA-256 of their secret, for a few seconds: without it
 * every request paid a joined lookup (and its ORM hydration) before any work. Entries are dropped
 * when a revocation is published on the auth channel (by this or another API process), and all
 * of them when the subscription reconnects (events may have been missed meanwhile).
 */
@Injectable()
export class CredentialCache implements OnApplicationBootstrap {
  private readonly logger = new Logger(CredentialCache.name);
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: ClockService,
    private readonly redis: RedisService,
  ) {}

  get(secretHash: string): CachedCredential | undefined {
    const entry = this.entries.get(secretHash);
    if (!entry) {
      return undefined;
    }
    const now = this.clock.nowMs();
    if (
      entry.cachedUntil <= now ||
      (entry.expiresAt !== null && entry.expiresAt.getTime() <= now)
    ) {
      this.entries.delete(secretHash);
      return undefined;
    }
    return entry;
  }

  set(secretHash: string, credential: CachedCredential): void {
    if (this.entries.size >= MAX_ENTRIES) {
      // Oldest first (Map keeps insertion order).
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) {
        this.entries.delete(oldest);
      }
    }
    this.entries.delete(secretHash);
    this.entries.set(secretHash, {
      ...credential,
      cachedUntil: this.clock.nowMs() + CREDENTIAL_CACHE_TTL_MS,
    });
  }

  /**
   * Drops what the revocation affects in this process at once (the caller's next request must
   * already be refused), then tells the other API processes.
   */
  async revoked(event: AuthEvent): Promise<void> {
    this.apply(event);
    try {
      await this.redis.client.publish(
        this.redis.key(...AUTH_EVENTS_CHANNEL_PARTS),
        JSON.stringify(event),
      );
    } catch (error) {
      // The revocation itself is in PostgreSQL; other processes' entries end with their TTL.
      this.logger.warn(`Could not publish ${event.type}: ${(error as Error).message}`);
    }
  }

  onApplicationBootstrap(): void {
    void this.subscribe().catch((error: unknown) =>
      this.logger.warn(`Auth events subscription failed: ${(error as Error).message}`),
    );
  }

  private apply(event: AuthEvent): void {
    for (const [hash, { principal }] of this.entries) {
      if (principal.userId !== event.user_id) {
        continue;
      }
      const hit =
        event.type === 'api_key_revoked'
          ? principal.apiKeyId === event.api_key_id
          : // A user-wide change (password, role, disabled) also ends what their keys may do.
            event.session_id === null || principal.sessionId === event.session_id;
      if (hit) {
        this.entries.delete(hash);
      }
    }
  }

  private async subscribe(): Promise<void> {
    const connection = this.redis.createConnection('auth-cache-events');
    const channel = this.redis.key(...AUTH_EVENTS_CHANNEL_PARTS);
    connection.on('message', (_channel: string, raw: string) => {
      const event = parseAuthEvent(raw);
      if (event) {
        this.apply(event);
      }
    });
    if (connection.status !== 'ready') {
      await new Promise<void>((resolve) => connection.once('ready', () => resolve()));
    }
    // After a reconnect, revocations published meanwhile are lost: start over.
    connection.on('ready', () => this.entries.clear());
    await connection.subscribe(channel);
  }
}

function parseAuthEvent(raw: string): AuthEvent | null {
  try {
    const event = JSON.parse(raw) as Partial<AuthEvent> | null;
    if (
      (event?.type === 'session_revoked' || event?.type === 'api_key_revoked') &&
      typeof event.user_id === 'number'
    ) {
      return event as AuthEvent;
    }
  } catch {
    // not ours
  }
  return null;
}
