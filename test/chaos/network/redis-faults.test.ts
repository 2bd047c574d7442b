import { Queue } from 'bullmq';
import request from 'supertest';
import { IsNull } from 'typeorm';
import { Bot } from '../../../src/bots/entities/bot.entity';
import { Chat } from '../../../src/chats/entities/chat.entity';
import { Message } from '../../../src/messages/entities/message.entity';
import { QueueName } from '../../../src/queue/queue-name';
import { Setting } from '../../../src/settings/entities/setting.entity';
import { hashWebhookSecret, newWebhookSecret } from '../../../src/updates/webhook-secret.util';
import { EngineE2e, FAST_SETTINGS } from '../../support/engine-e2e';
import { humanMessage } from '../../support/humans-fixture';
import { expectErrorShape, roleKeys } from '../../support/mgmt-fixtures';
import { PrivateRedis } from '../../support/private-redis';
import { FaultProxy } from '../support/fault-proxy';
import { CHAOS, SCENARIO_TIMEOUT_MS, sleep } from './chaos-profile';
import { settleAndCheck, simulationResumes } from './scenario';

/**
 * Redis faults with the whole system running (API and two worker processes, all talking to a
 * private redis-server through the fault proxy): an outage, every connection cut with RST, and
 * a real restart that loses every key. The simulation must resume by itself each time, and the
 * API must answer an enqueue during the outage with 503, writing nothing.
 */
describe('chaos (network): Redis faults while the simulation runs', () => {
  let redis: PrivateRedis;
  let proxy: FaultProxy;
  let e2e: EngineE2e;
  let chat: Chat;
  let hookBot: Bot;
  let operatorKey: string;
  const hookSecret = newWebhookSecret();

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    proxy = await FaultProxy.forUrl(redis.url);
    e2e = await EngineE2e.start('chaos_redis', { redisUrl: proxy.rewrite(redis.url) });
    await e2e.settings(FAST_SETTINGS);
    const bots = await Promise.all(['Deniz', 'Selin', 'Kaan'].map((name) => e2e.bot(name)));
    chat = await e2e.chat('redis 1', [bots[0].bot.id, bots[1].bot.id]);
    await e2e.chat('redis 2', [bots[1].bot.id, bots[2].bot.id]);
    // Kaan receives its updates by webhook (the API's enqueue path).
    hookBot = bots[2].bot;
    await e2e.ds
      .getRepository(Bot)
      .update({ id: hookBot.id }, { webhookSecretHash: hashWebhookSecret(hookSecret) });
    operatorKey = (await roleKeys(e2e.api)).operator;
    await Promise.all([e2e.startWorker(), e2e.startWorker()]);
    await e2e.waitFor('the first messages', () => e2e.telegram.messages.length >= 3);
  }, 120_000);

  afterAll(async () => {
    await e2e?.stop();
    await proxy?.stop();
    await redis?.kill();
  }, 60_000);

  const deliver = (update: Record<string, unknown>) =>
    request(e2e.api.url)
      .post(`/webhook/telegram/${hookBot.id}`)
      .set('x-telegram-bot-api-secret-token', hookSecret)
      .send(update);

  it(
    'rides out an outage: proxy down, then up',
    async () => {
      for (let cycle = 0; cycle < CHAOS.cycles; cycle += 1) {
        await proxy.down();
        await sleep(CHAOS.outageMs);
        await proxy.up();
        await simulationResumes(e2e, `outage ${cycle + 1}`);
      }
      await settleAndCheck(e2e);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it('answers an enqueue during the outage with 503 and writes nothing; the retry is taken once', async () => {
    const text = 'THYAO için ne düşünüyorsunuz?';
    const update = { update_id: 700, ...humanMessage(chat, text) };
    const humanRows = () =>
      e2e.ds.getRepository(Message).countBy({ chatDbId: chat.id, text, botId: IsNull() });
    const scaleBefore = await e2e.ds.getRepository(Setting).findOneBy({ key: 'scale_factor' });

    await proxy.down();
    const refused = await deliver(update);
    const control = await request(e2e.api.url)
      .post('/control/scale')
      .set('X-API-Key', operatorKey)
      .send({ factor: 5 });
    await sleep(500);
    expect(await humanRows()).toBe(0);
    await proxy.up();

    // Telegram retries a delivery that did not get a 2xx: the 503 says "try again".
    expect(refused.status).toBe(503);
    expectErrorShape(refused.body, 503);
    expect(refused.body.error).toBe('service_unavailable');
    // Settings live in PostgreSQL: the change is whole (200, stored) or not made at all (503).
    const scaleAfter = await e2e.ds.getRepository(Setting).findOneBy({ key: 'scale_factor' });
    if (control.status === 200) {
      expect(scaleAfter?.value).toBe(5);
    } else {
      expect(control.status).toBe(503);
      expectErrorShape(control.body, 503);
      expect(scaleAfter?.value).toEqual(scaleBefore?.value);
    }
    await e2e.settings({ scale_factor: FAST_SETTINGS.scale_factor });

    await e2e.waitFor('the API to reach Redis again', async () => {
      const res = await request(e2e.api.url).get('/healthz');
      return res.status === 200;
    });
    expect((await deliver(update)).status).toBe(200);
    await e2e.waitFor(
      'the redelivered message to be stored',
      async () => (await humanRows()) === 1,
    );
    await settleAndCheck(e2e);
  }, 60_000);

  it(
    'rides out every connection cut with RST',
    async () => {
      for (let cycle = 0; cycle < CHAOS.cycles; cycle += 1) {
        expect(proxy.reset()).toBeGreaterThan(0);
        await simulationResumes(e2e, `connection reset ${cycle + 1}`);
      }
      await settleAndCheck(e2e);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'resumes after redis-server restarts empty, with its job schedulers registered again',
    async () => {
      const queue = (name: QueueName) =>
        new Queue(name, {
          connection: { url: redis.url, maxRetriesPerRequest: null },
          prefix: `${e2e.api.config.redis.prefix}:bull`,
        });
      const [tick, maintenance] = [queue(QueueName.Tick), queue(QueueName.Maintenance)];
      const schedulers = async () =>
        [...(await tick.getJobSchedulers()), ...(await maintenance.getJobSchedulers())]
          .map((s) => s.key)
          .sort();
      try {
        // What the workers registered at boot: the tick and every maintenance schedule.
        const expected = await schedulers();
        expect(expected).toContain('tick-scan');
        expect(expected).toContain('maintenance.retention');
        for (let cycle = 0; cycle < CHAOS.cycles; cycle += 1) {
          await redis.kill();
          await sleep(CHAOS.outageMs);
          await redis.start();
          await simulationResumes(e2e, `restart ${cycle + 1}`);
          // Workers register every scheduler again by themselves; no restart needed.
          await e2e.waitFor(
            'every job scheduler to be registered again',
            async () => JSON.stringify(await schedulers()) === JSON.stringify(expected),
          );
        }
      } finally {
        await Promise.all([tick.close(), maintenance.close()]);
      }
      await settleAndCheck(e2e);
    },
    SCENARIO_TIMEOUT_MS,
  );
});
