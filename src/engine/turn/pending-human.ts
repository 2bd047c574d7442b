import { LuaScript } from '../../redis/lua-script';
import { RedisService } from '../../redis/redis.service';

/**
 * A human message waiting for its answer holds back the regular turns of its chat (SPEC 7.1 step
 * 1, 7.9): set when the answering bot is chosen, released once the answer has been typed, and
 * this long at most (a lost answer must not silence the chat).
 */
export const PENDING_HUMAN_TTL_MS = 120_000;

/**
 * Releases the hold of one human message: after `holdMs` (the answer's typing time, so regular
 * chatter cannot be sent before it), or at once with 0. Only that message's hold: a newer human
 * message waiting in the same chat keeps its own. KEYS: 1 hold. ARGV: 1 message id, 2 hold ms.
 */
const RELEASE = new LuaScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
if tonumber(ARGV[2]) > 0 then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return redis.call('DEL', KEYS[1])
`);

export class PendingHuman {
  constructor(private readonly redis: RedisService) {}

  private key(chatDbId: number): string {
    return this.redis.key('human', 'pending', String(chatDbId));
  }

  /** A human message of the chat waits for its answer (a newer message replaces the older). */
  async hold(chatDbId: number, messageId: number): Promise<void> {
    await this.redis.client.set(this.key(chatDbId), String(messageId), 'PX', PENDING_HUMAN_TTL_MS);
  }

  async isWaiting(chatDbId: number): Promise<boolean> {
    return (await this.redis.client.exists(this.key(chatDbId))) === 1;
  }

  async release(chatDbId: number, messageId: number, afterMs = 0): Promise<void> {
    await RELEASE.run(
      this.redis.client,
      [this.key(chatDbId)],
      [String(messageId), Math.max(0, Math.round(afterMs))],
    );
  }
}
