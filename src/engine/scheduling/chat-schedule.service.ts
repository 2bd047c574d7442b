import { Injectable } from '@nestjs/common';
import { LuaScript } from '../../redis/lua-script';
import { RedisService } from '../../redis/redis.service';

/**
 * Claims the chats whose next turn is due, and moves each claimed chat's score to now + lease in
 * the same atomic step, so two schedulers can never claim the same chat (ADR 0002). If the turn
 * never reports back (its worker died), the lease runs out and the chat becomes due again.
 *
 * A due chat whose text message is still on its way is not claimed: it waits for the message as
 * its turn would (WAIT_IF_IN_FLIGHT_SCRIPT: waiting marker, due again at the fallback time or
 * when SETTLE_SCRIPT wakes it), without a turn job that would only find the marker. When sends lag
 * behind the schedule (a loaded fleet) those jobs were a third of all turns, adding load exactly
 * when there is none to spare. The markers' keys are the chat ids under the prefixes in ARGV.
 *
 * KEYS: 1 schedule. ARGV: 1 lease ms, 2 max chats, 3 in-flight marker prefix, 4 waiting marker
 * prefix, 5 fallback in (ms). Returns {member, due_ms, …} of the claimed chats.
 */
const CLAIM_SCRIPT = new LuaScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[2]))
local claimed = {}
for i = 1, #due, 2 do
  if redis.call('EXISTS', ARGV[3] .. due[i]) == 1 then
    redis.call('SET', ARGV[4] .. due[i], '1', 'PX', ARGV[5])
    redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[5]), due[i])
  else
    redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[1]), due[i])
    claimed[#claimed + 1] = due[i]
    claimed[#claimed + 1] = due[i + 1]
  end
end
return claimed
`);

/**
 * How long an unsent text message holds its chat back at most: its send job may be lost, and a
 * chat must not fall silent for it.
 */
export const IN_FLIGHT_WINDOW_MS = 120_000;
/**
 * A chat waiting for its message in flight looks again after this at the latest (the settling
 * send normally wakes it first).
 */
export const IN_FLIGHT_FALLBACK_MS = 5000;

/**
 * If the chat has a text message in flight, its turn waits: waiting marker set and the chat due
 * at the fallback time. Atomic with SETTLE_SCRIPT, so a wake-up cannot slip between the check and
 * the marker. KEYS: 1 in-flight marker, 2 waiting marker, 3 schedule. ARGV: 1 fallback at (ms),
 * 2 member, 3 fallback in (ms). Returns 1 when the chat waits.
 */
const WAIT_IF_IN_FLIGHT_SCRIPT = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
redis.call('ZADD', KEYS[3], ARGV[1], ARGV[2])
return 1
`);

/**
 * The chat's text message settled: clear the in-flight marker and, if a turn waits for it, bring
 * the chat forward to now. KEYS: 1 in-flight marker, 2 waiting marker, 3 schedule. ARGV: 1 now
 * (ms), 2 member.
 */
const SETTLE_SCRIPT = new LuaScript(`
redis.call('DEL', KEYS[1])
if redis.call('DEL', KEYS[2]) == 1 then
  redis.call('ZADD', KEYS[3], 'LT', ARGV[1], ARGV[2])
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

  /**
   * Claims up to `max` due chats for `leaseMs`; a due chat with a text message in flight waits for
   * it instead (due again when it settles, or after `inFlightFallbackMs`).
   */
  async claimDue(
    leaseMs: number,
    max: number,
    inFlightFallbackMs = IN_FLIGHT_FALLBACK_MS,
  ): Promise<ClaimedChat[]> {
    const flat = (await CLAIM_SCRIPT.run(
      this.redis.client,
      [this.key],
      [leaseMs, max, this.inFlightKey(''), this.waitingKey(''), inFlightFallbackMs],
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

  /** A text message of the chat was recorded: the chat's next turn waits until it settles. */
  async markInFlight(chatDbId: number): Promise<void> {
    await this.redis.client.set(this.inFlightKey(chatDbId), '1', 'PX', IN_FLIGHT_WINDOW_MS);
  }

  /**
   * Whether the chat waits for a message in flight (marked in Redis); if so, it is due again when
   * the message settles (messageSettled), or at `fallbackAt` at the latest.
   */
  async waitIfInFlight(chatDbId: number, fallbackAt: number): Promise<boolean> {
    const waits = await WAIT_IF_IN_FLIGHT_SCRIPT.run(
      this.redis.client,
      [this.inFlightKey(chatDbId), this.waitingKey(chatDbId), this.key],
      [fallbackAt, String(chatDbId), Math.max(1, fallbackAt - Date.now())],
    );
    return Number(waits) === 1;
  }

  /**
   * The chat waits for a message found in flight in the ledger (the marker was lost, or two
   * messages were in flight): due again when one settles, or at `fallbackAt` at the latest.
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
    await SETTLE_SCRIPT.run(
      this.redis.client,
      [this.inFlightKey(chatDbId), this.waitingKey(chatDbId), this.key],
      [Date.now(), String(chatDbId)],
    );
  }

  /** The marker of a chat's text message in flight ('': the prefix, for CLAIM_SCRIPT). */
  private inFlightKey(chatDbId: number | ''): string {
    return this.redis.key('schedule', 'in-flight', String(chatDbId));
  }

  private waitingKey(chatDbId: number | ''): string {
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
