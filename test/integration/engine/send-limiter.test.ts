import { SendLimiter } from '../../../src/engine/limits/send-limiter.service';
import { SendLimits } from '../../../src/engine/limits/send-limits';
import { RedisService } from '../../../src/redis/redis.service';
import { deleteRedisPrefix } from '../../support/redis-cleanup';
import { testConfig } from '../../support/test-config';

const generous: SendLimits = {
  globalPerMinute: 1000,
  botPerHour: 1000,
  botChatPerMinute: 1000,
  chatPerSecond: 1000,
  tokenPerSecond: 1000,
};

describe('SendLimiter (real Redis)', () => {
  const config = testConfig('postgres://unused@127.0.0.1/none');
  const connections: RedisService[] = [];
  let limiter: SendLimiter;

  function newLimiter(): SendLimiter {
    const redis = new RedisService(config, 'worker');
    connections.push(redis);
    return new SendLimiter(redis);
  }

  beforeAll(() => {
    limiter = newLimiter();
  });
  afterAll(async () => {
    await Promise.all(connections.map((c) => c.onModuleDestroy()));
    await deleteRedisPrefix(config.redis.prefix);
  });

  it('lets one message per chat per second through and says when the next may go', async () => {
    const limits = { ...generous, chatPerSecond: 1 };
    const before = Date.now();
    expect(await limiter.admitMessage(1, 100, limits, 'm1')).toEqual({ admitted: true });
    const second = await limiter.admitMessage(2, 100, limits, 'm2');
    expect(second).toMatchObject({ admitted: false, blockedBy: 'chat_per_second' });
    if (second.admitted) {
      throw new Error('unreachable');
    }
    expect(second.retryAt).toBeGreaterThan(before + 900);
    expect(second.retryAt).toBeLessThan(Date.now() + 1200);
    // Another chat is unaffected.
    expect(await limiter.admitMessage(2, 101, limits, 'm3')).toEqual({ admitted: true });
    await new Promise((r) => setTimeout(r, Math.max(0, second.retryAt - Date.now()) + 20));
    expect(await limiter.admitMessage(2, 100, limits, 'm4')).toEqual({ admitted: true });
  });

  it('enforces the per-bot hourly cap independently of chats', async () => {
    const limits = { ...generous, botPerHour: 3 };
    for (const chat of [200, 201, 202]) {
      expect((await limiter.admitMessage(7, chat, limits, `h${chat}`)).admitted).toBe(true);
    }
    expect(await limiter.admitMessage(7, 203, limits, 'h203')).toMatchObject({
      admitted: false,
      blockedBy: 'bot_per_hour',
    });
    expect((await limiter.admitMessage(8, 203, limits, 'h203b')).admitted).toBe(true);
  });

  it('holds the global cap exactly under concurrent admissions from many connections', async () => {
    const limits = { ...generous, globalPerMinute: 25 };
    const limiters = Array.from({ length: 6 }, () => newLimiter());
    const results = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        limiters[i % limiters.length].admitMessage(1000 + (i % 40), 5000 + i, limits, `g${i}`),
      ),
    );
    // Earlier tests admitted messages in this minute too; the window counts them all.
    const admittedHere = results.filter((r) => r.admitted).length;
    expect(admittedHere).toBeLessThanOrEqual(25);
    expect(admittedHere).toBeGreaterThan(0);
    expect(
      results
        .filter((r) => !r.admitted)
        .every((r) => !r.admitted && r.blockedBy === 'global_per_minute'),
    ).toBe(true);
  });

  it('limits other calls of a token to 30 per second without touching message windows', async () => {
    const limits = { ...generous, tokenPerSecond: 30, chatPerSecond: 1 };
    const calls = await Promise.all(
      Array.from({ length: 40 }, () => limiter.admitRequest(55, 300, limits)),
    );
    expect(calls.filter((c) => c.admitted)).toHaveLength(30);
    expect(calls.find((c) => !c.admitted)).toMatchObject({ blockedBy: 'token_per_second' });
  });

  it('counts each try of a message against Telegram, and the message once against the hour', async () => {
    // Telegram counts the request it answered with 429 or 5xx as well as the retry that follows.
    const telegram = { ...generous, botChatPerMinute: 2 };
    expect((await limiter.admitMessage(70, 500, telegram, 'retried')).admitted).toBe(true);
    expect((await limiter.admitMessage(70, 500, telegram, 'retried')).admitted).toBe(true);
    expect(await limiter.admitMessage(70, 500, telegram, 'next')).toMatchObject({
      admitted: false,
      blockedBy: 'bot_chat_per_minute',
    });
    // The hourly cap is the operator's count of messages: the retry is not a second one.
    const hourly = { ...generous, botPerHour: 2 };
    expect((await limiter.admitMessage(71, 501, hourly, 'again')).admitted).toBe(true);
    expect((await limiter.admitMessage(71, 501, hourly, 'again')).admitted).toBe(true);
    expect((await limiter.admitMessage(71, 502, hourly, 'other')).admitted).toBe(true);
    expect((await limiter.botLoad([71])).get(71)?.lastHour).toBe(2);
  });

  it('pauses a bot and its chat after a 429, leaving other bots alone', async () => {
    await limiter.pause(60, 400, 700);
    const blocked = await limiter.admitMessage(60, 401, generous, 'p1');
    expect(blocked).toMatchObject({ admitted: false, blockedBy: 'bot_paused' });
    expect(await limiter.admitMessage(61, 400, generous, 'p2')).toMatchObject({
      admitted: false,
      blockedBy: 'chat_paused',
    });
    expect((await limiter.admitMessage(61, 402, generous, 'p3')).admitted).toBe(true);
    if (!blocked.admitted) {
      expect(blocked.retryAt - Date.now()).toBeLessThanOrEqual(700);
    }
  });
});
