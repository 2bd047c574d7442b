import { RedisOptions } from 'ioredis';

/**
 * The two connection profiles of BullMQ's production guidance:
 * - `producer`: used on HTTP paths (the API enqueuing, reading counters). Fails fast when Redis is
 *   down, so a request answers 503 at once instead of hanging on an offline queue.
 * - `worker`: used by workers and long-lived consumers. Retries forever
 *   (`maxRetriesPerRequest: null`, required by BullMQ for blocking connections) so a Redis restart
 *   is ridden out without losing the process.
 */
export type RedisRole = 'producer' | 'worker';

export function redisOptions(role: RedisRole): RedisOptions {
  const reconnect = (times: number): number => Math.min(200 * 2 ** Math.min(times, 5), 5000);
  if (role === 'producer') {
    return {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      retryStrategy: reconnect,
    };
  }
  return {
    enableOfflineQueue: true,
    maxRetriesPerRequest: null,
    connectTimeout: 5000,
    retryStrategy: reconnect,
  };
}
