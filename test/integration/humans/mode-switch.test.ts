import { randomBytes } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Bot } from '../../../src/bots/entities/bot.entity';
import { Chat } from '../../../src/chats/entities/chat.entity';
import { PollerSupervisor } from '../../../src/updates/poller-supervisor.service';
import { ApiHarness } from '../../support/api-harness';
import { FakeTelegramServer } from '../../support/fakes/fake-telegram-server';
import {
  botWithToken,
  groupChat,
  humanMessage,
  humanSettings,
  startWorker,
  TelegramBotFixture,
  waitFor,
} from '../../support/humans-fixture';
import { roleKeys } from '../../support/mgmt-fixtures';

jest.setTimeout(60_000);

describe('switching a bot between webhook and long polling', () => {
  let api: ApiHarness;
  let ds: DataSource;
  let fake: FakeTelegramServer;
  let worker: INestApplicationContext;
  let supervisor: PollerSupervisor;
  let fixture: TelegramBotFixture;
  let chat: Chat;
  let operatorKey: string;

  beforeAll(async () => {
    fake = await FakeTelegramServer.start();
    api = await ApiHarness.start('humans_mode', {
      TELEGRAM_API_ROOT: fake.apiRoot,
      ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      WORKER_QUEUES: 'turn,send,updates',
    });
    ds = api.dataSource;
    operatorKey = (await roleKeys(api)).operator;
    await humanSettings(ds);
    fixture = await botWithToken(ds, api.config, 'mod_bot');
    chat = await groupChat(ds);
  });

  afterAll(async () => {
    await worker.close();
    await fake.webhookIdle();
    await fake.stop();
    await api.stop();
  });

  const calls = (method: string) => fake.requestsFor(method, fixture.token);
  const sends = () => fake.requestsFor('sendMessage');
  const webhookPath = () => `/bots/${fixture.bot.id}/webhook`;
  const hashOf = async () =>
    (await ds.getRepository(Bot).findOneByOrFail({ id: fixture.bot.id })).webhookSecretHash;

  /** A member's question; resolves once it has been answered (exactly once so far). */
  async function askAndExpectAnswer(text: string): Promise<void> {
    const before = sends().length;
    fake.pushUpdate(fixture.token, humanMessage(chat, text));
    await waitFor(() => sends().length > before, 20_000, `an answer to "${text}"`);
    expect(sends()).toHaveLength(before + 1);
  }

  it('POST /bots/{id}/webhook calls setWebhook with a secret; the worker does not poll', async () => {
    const res = await request(api.url)
      .post(webhookPath())
      .set('X-API-Key', operatorKey)
      .send({ base_url: api.url });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ url: `${api.url}/webhook/telegram/${fixture.bot.id}` });
    expect(calls('setWebhook')).toHaveLength(1);
    expect(calls('setWebhook')[0].params).toMatchObject({
      url: res.body.url,
      secret_token: fake.webhooks.get(fixture.token)?.secretToken,
      allowed_updates: ['message'],
    });
    expect(await hashOf()).not.toBeNull();

    worker = await startWorker(api.config);
    supervisor = worker.get(PollerSupervisor);
    // Short long-polls so the switches below do not wait on a 10 s poll.
    supervisor.timing = { pollTimeoutSeconds: 1, leaseMs: 30_000, backoffMs: 200 };
    await supervisor.superviseOnce();
    expect(supervisor.polling()).toEqual([]);
    await askAndExpectAnswer('BIST bugün neden düştü?');
    expect(calls('getUpdates')).toHaveLength(0);
  });

  it('DELETE /bots/{id}/webhook calls deleteWebhook keeping pending updates; the poller reads them', async () => {
    const res = await request(api.url).delete(webhookPath()).set('X-API-Key', operatorKey);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ mode: 'polling' });
    expect(calls('deleteWebhook')).toHaveLength(1);
    expect(calls('deleteWebhook')[0].params).toMatchObject({ drop_pending_updates: false });
    expect(fake.webhooks.has(fixture.token)).toBe(false);
    expect(await hashOf()).toBeNull();

    // Sent while nobody reads: Telegram holds it until the poller asks.
    const before = sends().length;
    fake.pushUpdate(fixture.token, humanMessage(chat, 'Dolar için ne diyorsunuz?'));
    await supervisor.superviseOnce();
    expect(supervisor.polling()).toEqual([fixture.bot.id]);
    await waitFor(() => sends().length > before, 20_000, 'the held update answered');
    expect(calls('getUpdates').length).toBeGreaterThan(0);
  });

  it('registering the webhook again stops the poller; deliveries go to the webhook', async () => {
    const res = await request(api.url)
      .post(webhookPath())
      .set('X-API-Key', operatorKey)
      .send({ base_url: api.url });
    expect(res.status).toBe(200);
    expect(calls('setWebhook')).toHaveLength(2);
    await waitFor(
      async () => {
        await supervisor.superviseOnce();
        return supervisor.polling().length === 0;
      },
      10_000,
      'the poller to stop',
    );
    // The poller saw the registered webhook and left it alone.
    expect(calls('deleteWebhook')).toHaveLength(1);
    const deliveries = fake.webhookDeliveries.length;
    await askAndExpectAnswer('Kripto tarafı nasıl?');
    expect(fake.webhookDeliveries.length).toBe(deliveries + 1);
  });

  it('a webhook Telegram still has for a polling bot (not registered here) is deleted by the poller', async () => {
    // As after a database restore: the row says polling, Telegram still has the webhook.
    await ds.getRepository(Bot).update({ id: fixture.bot.id }, { webhookSecretHash: null });
    await supervisor.superviseOnce();
    await waitFor(() => calls('deleteWebhook').length === 2, 10_000, 'the stale webhook deleted');
    expect(fake.webhooks.has(fixture.token)).toBe(false);
    expect(supervisor.polling()).toEqual([fixture.bot.id]);
    await askAndExpectAnswer('Altın yükselir mi?');
  });

  it('a switch Telegram refuses is answered 400 naming base_url or 503, and changes nothing', async () => {
    const hash = await hashOf();
    fake.failNext({
      token: fixture.token,
      method: 'setWebhook',
      failure: {
        kind: 'bad_request',
        description: 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook',
      },
    });
    const refused = await request(api.url)
      .post(webhookPath())
      .set('X-API-Key', operatorKey)
      .send({ base_url: 'http://piyasa.example' });
    expect(refused.status).toBe(400);
    expect(refused.body.fields).toEqual([
      expect.objectContaining({ field: 'base_url', reason: expect.stringContaining('HTTPS') }),
    ]);
    expect(await hashOf()).toBe(hash);

    fake.failNext({
      token: fixture.token,
      method: 'deleteWebhook',
      failure: { kind: 'server_error' },
    });
    const unavailable = await request(api.url).delete(webhookPath()).set('X-API-Key', operatorKey);
    expect(unavailable.status).toBe(503);
    expect(await hashOf()).toBe(hash);
  });

  it('a sandbox bot has no webhook to switch: 409 naming why', async () => {
    const sandbox = await ds.getRepository(Bot).save({ name: 'Kum', username: 'kum_bot' });
    const res = await request(api.url)
      .delete(`/bots/${sandbox.id}/webhook`)
      .set('X-API-Key', operatorKey);
    expect(res.status).toBe(409);
    expect(res.body.message).toContain('sandbox');
  });
});
