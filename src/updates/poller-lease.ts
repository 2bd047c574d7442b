import { LuaScript } from '../redis/lua-script';
import { RedisService } from '../redis/redis.service';

/** Extends the lease only for its holder. KEYS: 1 lease. ARGV: 1 holder, 2 ttl ms. */
const RENEW = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`);

/** Deletes the lease only for its holder. KEYS: 1 lease. ARGV: 1 holder. */
const RELEASE = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`);

/**
 * The right to poll one bot, fleet-wide: Telegram allows one getUpdates per token at a time (a
 * second one gets 409 and kicks the first), so replicas take a Redis lease per bot. The holder
 * renews it on every poll; when the holder dies the lease expires and another replica takes over.
 */
export class PollerLease {
  constructor(
    private readonly redis: RedisService,
    private readonly botId: number,
    private readonly holder: string,
    private readonly ttlMs: number,
  ) {}

  private get key(): string {
    return this.redis.key('updates', 'poller', this.botId);
  }

  async acquire(): Promise<boolean> {
    return (await this.redis.client.set(this.key, this.holder, 'PX', this.ttlMs, 'NX')) === 'OK';
  }

  async renew(): Promise<boolean> {
    return (await RENEW.run(this.redis.client, [this.key], [this.holder, this.ttlMs])) === 1;
  }

  async release(): Promise<void> {
    await RELEASE.run(this.redis.client, [this.key], [this.holder]);
  }
}
