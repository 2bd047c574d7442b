import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ClockService } from '../common/clock/clock.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { RedisService } from '../redis/redis.service';

/**
 * Records one failure in a hash {count, first, until} and locks when the count reaches the limit.
 * Times come from the caller (the injected clock), so tests can move time; Redis' own TTL only
 * garbage-collects the key.
 * KEYS[1] key; ARGV now, window, max, lockout, ttl. Returns the lock end (ms) or 0.
 */
const RECORD_FAILURE = `
local now = tonumber(ARGV[1])
local first = tonumber(redis.call('HGET', KEYS[1], 'first') or '0')
local count = tonumber(redis.call('HGET', KEYS[1], 'count') or '0')
if first == 0 or now - first > tonumber(ARGV[2]) then
  first = now
  count = 0
end
count = count + 1
local untilMs = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
if count >= tonumber(ARGV[3]) then
  untilMs = now + tonumber(ARGV[4])
  count = 0
  first = 0
end
redis.call('HSET', KEYS[1], 'first', first, 'count', count, 'until', untilMs)
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return untilMs > now and untilMs or 0
`;

/** Fixed one-minute window counter of login requests per IP. KEYS[1]; ARGV ttl. */
const COUNT_REQUEST = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n
`;

export interface ThrottleVerdict {
  allowed: boolean;
  /** Seconds until another attempt may succeed (for Retry-After). */
  retryAfterSeconds: number;
}

/**
 * Login throttling in Redis, so limits hold across API replicas: per-IP request rate, and
 * lockouts per account name (known or not — unknown names are counted the same, so lockouts do
 * not reveal which accounts exist) and per client IP after repeated failures.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly redis: RedisService,
    private readonly clock: ClockService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts this request against the IP's per-minute budget and checks both lockouts. */
  async check(username: string, ip: string): Promise<ThrottleVerdict> {
    const now = this.clock.nowMs();
    const minute = Math.floor(now / 60_000);
    const requests = Number(
      await this.redis.client.eval(
        COUNT_REQUEST,
        1,
        this.redis.key('auth', 'rate', ip, minute),
        120_000,
      ),
    );
    if (requests > this.config.auth.login.ratePerMinute) {
      return { allowed: false, retryAfterSeconds: Math.ceil(((minute + 1) * 60_000 - now) / 1000) };
    }
    const [accountUntil, ipUntil] = await Promise.all([
      this.redis.client.hget(this.accountKey(username), 'until'),
      this.redis.client.hget(this.ipKey(ip), 'until'),
    ]);
    const until = Math.max(Number(accountUntil ?? 0), Number(ipUntil ?? 0));
    return until > now
      ? { allowed: false, retryAfterSeconds: Math.ceil((until - now) / 1000) }
      : { allowed: true, retryAfterSeconds: 0 };
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    const login = this.config.auth.login;
    const ttl = login.failureWindowMs + login.lockoutMs;
    const now = this.clock.nowMs();
    await Promise.all([
      this.redis.client.eval(
        RECORD_FAILURE,
        1,
        this.accountKey(username),
        now,
        login.failureWindowMs,
        login.maxFailuresPerAccount,
        login.lockoutMs,
        ttl,
      ),
      this.redis.client.eval(
        RECORD_FAILURE,
        1,
        this.ipKey(ip),
        now,
        login.failureWindowMs,
        login.maxFailuresPerIp,
        login.lockoutMs,
        ttl,
      ),
    ]);
  }

  /** A successful login clears the account's failures (not the IP's: one good account must not
   * reset an attacker's budget for guessing others). */
  async recordSuccess(username: string): Promise<void> {
    await this.redis.client.del(this.accountKey(username));
  }

  private accountKey(username: string): string {
    // Hashed: usernames (possibly mistyped passwords) do not sit in Redis in clear.
    const digest = createHash('sha256').update(username.trim().toLowerCase()).digest('hex');
    return this.redis.key('auth', 'fail', 'account', digest.slice(0, 32));
  }

  private ipKey(ip: string): string {
    return this.redis.key('auth', 'fail', 'ip', ip);
  }
}
