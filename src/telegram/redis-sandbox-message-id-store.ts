import type Redis from 'ioredis';
import { SandboxMessageIdStore } from './sandbox-message-id-store';

/** The part of RedisService this store needs (pass the RedisService itself). */
export interface SandboxRedis {
  readonly client: Pick<Redis, 'incr'>;
  key(...parts: (string | number)[]): string;
}

/**
 * Message ids from an atomic Redis INCR per chat, so sandbox ids stay unique and increasing across
 * worker replicas and restarts (like Telegram's; a per-process counter would hand out duplicates).
 */
export class RedisSandboxMessageIdStore implements SandboxMessageIdStore {
  constructor(private readonly redis: SandboxRedis) {}

  async next(chatId: string): Promise<number> {
    return this.redis.client.incr(this.redis.key('sandbox', 'message-id', chatId));
  }
}
