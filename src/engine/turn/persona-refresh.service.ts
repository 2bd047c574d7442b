import { Injectable } from '@nestjs/common';
import { RedisService } from '../../redis/redis.service';

/**
 * When a bot's prompt should carry a persona reminder (every N messages or M minutes). The state
 * lives in Redis, shared by every worker replica, not in process memory.
 */
@Injectable()
export class PersonaRefreshState {
  constructor(private readonly redis: RedisService) {}

  private key(botId: number): string {
    return this.redis.key('persona-refresh', botId);
  }

  async isDue(
    botId: number,
    everyMessages: number,
    everyMinutes: number,
    now = Date.now(),
  ): Promise<boolean> {
    const state = await this.redis.client.hgetall(this.key(botId));
    const count = Number(state.count ?? 0);
    const lastAt = Number(state.last_at ?? 0);
    return lastAt === 0 || count >= everyMessages || now - lastAt >= everyMinutes * 60_000;
  }

  /** Records one message; a message that carried the reminder restarts both counters. */
  async record(botId: number, refreshed: boolean, now = Date.now()): Promise<void> {
    const key = this.key(botId);
    // One round trip for both commands.
    const pipeline = this.redis.client.pipeline();
    if (refreshed) {
      pipeline.hset(key, { count: 0, last_at: now });
    } else {
      pipeline.hincrby(key, 'count', 1);
    }
    await pipeline.expire(key, 7 * 24 * 3600).exec();
  }
}
