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

/**
 * A chat whose turn is waiting for its previous message is woken when that message settles:
 * brought forward to now if the waiting marker was still there. KEYS: 1 marker, 2 schedule.
 * ARGV: 1 now ms, 2 member.
 */
const WAKE_SCRIPT = new LuaScript(`
if redis.call('DEL', KEYS[1]) == 1 then
  redis.call('ZADD', KEYS[2], 'LT', ARGV[1], ARGV[2])
end
return 0
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

  /**
   * The chat's turn waits for a message still on its way: it is due again when that message
   * settles (messageSettled), or at `fallbackAt` at the latest — if the wake-up was missed or the
   * message is held back by a limit for long.
   */
  async waitForMessage(chatDbId: number, fallbackAt: number): Promise<void> {
    await this.redis.client
      .multi()
      .set(this.waitingKey(chatDbId), '1', 'PX', Math.max(1, fallbackAt - Date.now()))
      .zadd(this.key, fallbackAt, String(chatDbId))
      .exec();
  }

  /** A text message of the chat reached its final state: wake the chat if its turn waits. */
  async messageSettled(chatDbId: number): Promise<void> {
    await WAKE_SCRIPT.run(
      this.redis.client,
      [this.waitingKey(chatDbId), this.key],
      [Date.now(), String(chatDbId)],
    );
  }

  private waitingKey(chatDbId: number): string {
    return this.redis.key('schedule', 'waiting', String(chatDbId));
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
