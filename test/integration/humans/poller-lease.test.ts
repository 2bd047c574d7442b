import { RedisService } from '../../../src/redis/redis.service';
import { PollerLease } from '../../../src/updates/poller-lease';
import { deleteRedisPrefix } from '../../support/redis-cleanup';
import { testConfig } from '../../support/test-config';

describe('PollerLease (real Redis)', () => {
  const config = testConfig('postgres://postgres@127.0.0.1:5432/unused');
  const redis = new RedisService(config, 'worker');

  afterAll(async () => {
    await redis.onModuleDestroy();
    await deleteRedisPrefix(config.redis.prefix);
  });

  it('one holder at a time; a dead holder’s lease expires and another replica takes over', async () => {
    const a = new PollerLease(redis, 7, 'replica-a', 300);
    const b = new PollerLease(redis, 7, 'replica-b', 300);
    expect(await a.acquire()).toBe(true);
    expect(await b.acquire()).toBe(false);
    expect(await a.renew()).toBe(true);
    expect(await b.renew()).toBe(false);
    // replica-a dies: no more renewals.
    await new Promise((r) => setTimeout(r, 400));
    expect(await b.acquire()).toBe(true);
    expect(await a.renew()).toBe(false);
    // A late release by the old holder does not free the new holder's lease.
    await a.release();
    expect(await a.acquire()).toBe(false);
    await b.release();
    expect(await a.acquire()).toBe(true);
  });
});
