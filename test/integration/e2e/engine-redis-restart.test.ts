import { MessageState } from '../../../src/messages/entities/message.entity';
import { EngineE2e, FAST_SETTINGS } from '../../support/engine-e2e';
import { PrivateRedis } from '../../support/private-redis';

describe('engine end to end: Redis restarted while the simulation runs', () => {
  let redis: PrivateRedis;
  let e2e: EngineE2e;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    e2e = await EngineE2e.start('e2e_redis', { redisUrl: redis.url });
    await e2e.settings({ ...FAST_SETTINGS, short_reaction_probability: 0 });
    const a = await e2e.bot('Deniz');
    const b = await e2e.bot('Selin');
    await e2e.chat('restart', [a.bot.id, b.bot.id]);
    await e2e.chat('restart 2', [a.bot.id, b.bot.id]);
    await Promise.all([e2e.startWorker(), e2e.startWorker()]);
  }, 120000);

  afterAll(async () => {
    await e2e?.stop();
    await redis?.kill();
  }, 60000);

  it('resumes by itself after Redis comes back empty', async () => {
    await e2e.waitFor('messages before the restart', async () => (await e2e.sentCount()) >= 3);
    await redis.kill();
    await new Promise((r) => setTimeout(r, 2000));
    await redis.start();
    const before = e2e.telegram.messages.length;
    await e2e.waitFor(
      'messages after the restart',
      () => e2e.telegram.messages.length >= before + 3,
      40000,
    );
    await e2e.settings({ simulation_active: false });
    await new Promise((r) => setTimeout(r, 1000));

    const texts = e2e.telegram.messages.map((m) => m.text);
    expect(new Set(texts).size).toBe(texts.length);
    const sent = await e2e.messages({ state: MessageState.Sent });
    expect(sent.length).toBeGreaterThanOrEqual(6);
    expect(e2e.telegram.limitViolations()).toEqual([]);
  }, 90000);
});
