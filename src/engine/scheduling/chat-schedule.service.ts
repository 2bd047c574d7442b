import { Injectable } from '@nestjs/common';
import { LuaScript } from '../../redis/lua-script';
import { RedisService } from '../../redis/redis.service';

/**
 * Claims the chats whose next turn is due, and moves each claimed chat's score to now + lease in
 * the same atomic step, so two schedulers can never claim the same chat (ADR 0002). If the turn
 * never reports back (its worker died), the lease runs out and the chat becomes due again.
 * KEYS: 1 schedule. ARGV: 1 lease ms, 2 max chats. Returns {member, due_ms, …}.
 */
const CLAIM_SCRIPT = new LuaScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[2]))
for i = 1, #due, 2 do
  redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[1]), due[i])
end
return due
`);

export interface ClaimedChat {
  chatDbId: number;
  /** When the turn was due (epoch ms): with the claim time it gives the scheduling lag. */
  dueAt: number;
}

/** Next-turn times of every scheduled chat, in one Redis sorted set shared by all replicas. */
@Injectable()
export class ChatSchedule {
  constructor(private readonly redis: RedisService) {}

  private get key(): string {
    return this.redis.key('schedule', 'chats');
  }

  async claimDue(leaseMs: number, max: number): Promise<ClaimedChat[]> {
    const flat = (await CLAIM_SCRIPT.run(
      this.redis.client,
      [this.key],
      [leaseMs, max],
    )) as string[];
    const claimed: ClaimedChat[] = [];
    for (let i = 0; i < flat.length; i += 2) {
      claimed.push({ chatDbId: Number(flat[i]), dueAt: Number(flat[i + 1]) });
    }
    return claimed;
  }

  /** Sets the chat's next turn (replacing any lease or earlier time). */
  async scheduleAt(chatDbId: number, at: number): Promise<void> {
    await this.redis.client.zadd(this.key, at, String(chatDbId));
  }

  /**
   * Brings a scheduled chat's next turn forward to `at` if it is later (a member's message waits);
   * a chat that is not scheduled (disabled, quiet) stays so.
   */
  async expedite(chatDbId: number, at: number): Promise<void> {
    await this.redis.client.zadd(this.key, 'XX', 'LT', at, String(chatDbId));
  }

  /** Adds chats that are not scheduled yet (keeps the time of those that are), in one call. */
  async ensureScheduled(entries: { chatDbId: number; at: number }[]): Promise<void> {
    if (entries.length > 0) {
      await this.redis.client.zadd(
        this.key,
        'NX',
        ...entries.flatMap((e) => [e.at, String(e.chatDbId)]),
      );
    }
  }

  async unschedule(chatDbIds: number[]): Promise<void> {
    if (chatDbIds.length > 0) {
      await this.redis.client.zrem(this.key, ...chatDbIds.map(String));
    }
  }

  async dueAt(chatDbId: number): Promise<number | null> {
    const score = await this.redis.client.zscore(this.key, String(chatDbId));
    return score === null ? null : Number(score);
  }

  async scheduledChats(): Promise<number[]> {
    return (await this.redis.client.zrange(this.key, 0, -1)).map(Number);
  }
}
