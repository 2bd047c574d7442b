import { RedisService } from '../redis/redis.service';

/**
 * Operational counters kept in Redis (not settings rows): every process increments the same keys,
 * and GET /api/metrics reads them. The engine and the Telegram client increment these.
 */
export enum Counter {
  /** A send waited or was dropped because a configured limit (global, per bot, per chat) was hit. */
  RateLimitHits = 'rate_limit_hits',
  /** Telegram answered 429 Too Many Requests. */
  Telegram429 = 'telegram_429_count',
  /** Telegram answered a 5xx. */
  Telegram5xx = 'telegram_5xx_count',
}

export const ALL_COUNTERS: readonly Counter[] = Object.values(Counter);

/** The part of RedisService counters need (keeps them usable from scripts and tests). */
export type CounterStore = Pick<RedisService, 'client' | 'key'>;

/** `<prefix>:counters:<name>`. */
export function counterKey(redis: CounterStore, name: Counter): string {
  return redis.key('counters', name);
}

export async function incrementCounter(
  redis: CounterStore,
  name: Counter,
  by = 1,
): Promise<number> {
  return redis.client.incrby(counterKey(redis, name), by);
}

/** Every counter's current value (0 when never incremented). */
export async function readCounters(redis: CounterStore): Promise<Record<Counter, number>> {
  const raw = await redis.client.mget(...ALL_COUNTERS.map((c) => counterKey(redis, c)));
  return Object.fromEntries(ALL_COUNTERS.map((c, i) => [c, Number(raw[i] ?? 0)])) as Record<
    Counter,
    number
  >;
}
