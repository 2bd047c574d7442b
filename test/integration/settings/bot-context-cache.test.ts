import { INestApplicationContext } from '@nestjs/common';
import Redis from 'ioredis';
import { BotContextCache } from '../../../src/bot-context/bot-context-cache.service';
import { Bot } from '../../../src/bots/entities/bot.entity';
import { BotStance } from '../../../src/bots/entities/bot-stance.entity';
import { EVENTS_CHANNEL } from '../../../src/events/domain-events';
import { ApiHarness } from '../../support/api-harness';
import { TEST_REDIS_URL } from '../../support/test-env';
import { startWorkerContext } from '../../support/worker-context';

describe('bot context cache', () => {
  let api: ApiHarness;
  let worker: INestApplicationContext;
  let publisher: Redis;
  let channel: string;

  beforeAll(async () => {
    api = await ApiHarness.start('bot_ctx');
    worker = await startWorkerContext(api.config);
    publisher = new Redis(TEST_REDIS_URL);
    channel = `${api.config.redis.prefix}:${EVENTS_CHANNEL}`;
  });
  afterAll(async () => {
    publisher.disconnect();
    await worker.close();
    await api.stop();
  });

  async function createBot(name: string): Promise<Bot> {
    const bot = await api.dataSource.getRepository(Bot).save({ name });
    await api.dataSource
      .getRepository(BotStance)
      .save({ botId: bot.id, topic: 'BIST', stanceText: 'yükseliş bekliyorum', confidence: 0.8 });
    return bot;
  }

  async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (await check()) {
        return true;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return check();
  }

  it('serves the cached context until a bot_changed event for that bot arrives', async () => {
    const cache = worker.get(BotContextCache);
    const a = await createBot('Ayşe');
    const b = await createBot('Mehmet');

    const first = await cache.get(a.id);
    expect(first?.bot.name).toBe('Ayşe');
    expect(first?.stances.map((s) => s.stanceText)).toEqual(['yükseliş bekliyorum']);
    await cache.get(b.id);

    await api.dataSource
      .getRepository(BotStance)
      .update({ botId: a.id }, { stanceText: 'düşüş bekliyorum' });
    await api.dataSource.getRepository(Bot).update({ id: b.id }, { name: 'Mehmet Bey' });
    expect((await cache.get(a.id))?.stances[0].stanceText).toBe('yükseliş bekliyorum');

    await publisher.publish(channel, JSON.stringify({ type: 'bot_changed', bot_id: a.id }));
    expect(
      await until(
        async () => (await cache.get(a.id))?.stances[0].stanceText === 'düşüş bekliyorum',
        1000,
      ),
    ).toBe(true);
    // Only the named bot was dropped.
    expect((await cache.get(b.id))?.bot.name).toBe('Mehmet');
  });

  it('answers null for a bot that does not exist and shares one load between callers', async () => {
    const cache = worker.get(BotContextCache);
    expect(await cache.get(999_999)).toBeNull();
    const c = await createBot('Zeynep');
    const [x, y] = await Promise.all([cache.get(c.id), cache.get(c.id)]);
    expect(x).toBe(y);
  });

  it('ignores malformed messages on the channel', async () => {
    const cache = worker.get(BotContextCache);
    const d = await createBot('Can');
    const before = await cache.get(d.id);
    await publisher.publish(channel, 'not json');
    await publisher.publish(channel, JSON.stringify({ type: 'from_the_future', bot_id: d.id }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await cache.get(d.id)).toBe(before);
  });
});
