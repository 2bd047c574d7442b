import { spawn } from 'node:child_process';
import Redis from 'ioredis';
import { PrivateRedis } from '../../../bench/lib/private-redis';
import { cpuSeconds, rssMb } from '../../../bench/lib/process-sampler';
import { RedisStats } from '../../../bench/lib/redis-stats';
import { distribution, percentile } from '../../../bench/lib/stats';

/**
 * The benchmarks' figures are only as good as their attribution: connections must be counted for
 * the process that holds them, and command counts must come from the bench's own server.
 */
describe('bench measurements', () => {
  let redis: PrivateRedis;
  const connections: Redis[] = [];

  beforeAll(async () => {
    redis = await PrivateRedis.start();
  });

  afterAll(async () => {
    connections.forEach((c) => c.disconnect());
    await redis.stop();
  });

  it('attributes each Redis connection to the process that owns its socket', async () => {
    const mine = [new Redis(redis.url), new Redis(redis.url, { connectionName: 'bench:named' })];
    connections.push(...mine);
    await Promise.all(mine.map((c) => c.ping()));
    // Another process with one connection of its own (redis-cli waits on SUBSCRIBE).
    const other = spawn('redis-cli', ['-p', String(redis.port), 'SUBSCRIBE', 'nothing'], {
      stdio: 'ignore',
    });
    try {
      const stats = new RedisStats(mine[0]);
      let seen = await stats.connections([
        { name: 'self', pid: process.pid },
        { name: 'cli', pid: other.pid ?? -1 },
      ]);
      for (let i = 0; i < 50 && seen.by_process.cli === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        seen = await stats.connections([
          { name: 'self', pid: process.pid },
          { name: 'cli', pid: other.pid ?? -1 },
        ]);
      }
      expect(seen.by_process).toEqual({ self: 2, cli: 1 });
      expect(seen.other).toBe(0);
      expect(seen.by_client_name['bench:named']).toBe(1);
    } finally {
      other.kill();
    }
  });

  it('counts the commands processed by its own server', async () => {
    const client = new Redis(redis.url);
    connections.push(client);
    const stats = new RedisStats(client);
    const before = await stats.commandsProcessed();
    for (let i = 0; i < 10; i++) {
      await client.set(`k${i}`, 'v');
    }
    // The 10 SETs and the INFO that reads the counter.
    expect((await stats.commandsProcessed()) - before).toBe(11);
  });

  it('reads CPU time and resident memory of a live process, nothing of a gone one', () => {
    expect(cpuSeconds(process.pid)).toBeGreaterThan(0);
    expect(rssMb(process.pid)).toBeGreaterThan(10);
    expect(cpuSeconds(2 ** 30)).toBeNull();
    expect(rssMb(2 ** 30)).toBeNull();
  });

  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(
      percentile(
        [...values].sort((a, b) => a - b),
        50,
      ),
    ).toBe(50);
    expect(distribution(values)).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
    expect(distribution([])).toEqual({ count: 0, p50: null, p95: null, p99: null, max: null });
  });
});
