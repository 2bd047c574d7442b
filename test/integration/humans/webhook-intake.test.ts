import { randomBytes } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Bot } from '../../../src/bots/entities/bot.entity';
import { Chat } from '../../../src/chats/entities/chat.entity';
import { Message } from '../../../src/messages/entities/message.entity';
import { PollerSupervisor } from '../../../src/updates/poller-supervisor.service';
import { WebhookService } from '../../../src/updates/webhook.service';
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

jest.setTimeout(60_000);

describe('human messages by webhook (API receives, worker answers)', () => {
  let api: ApiHarness;
  let ds: DataSource;
  let fake: FakeTelegramServer;
  let worker: INestApplicationContext;
  let bots: TelegramBotFixture[];
  let chat: Chat;

  beforeAll(async () => {
    fake = await FakeTelegramServer.start();
    api = await ApiHarness.start('humans_hook', {
      TELEGRAM_API_ROOT: fake.apiRoot,
      ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      WORKER_QUEUES: 'turn,send,updates',
    });
    ds = api.dataSource;
    await humanSettings(ds);
    bots = [
      await botWithToken(ds, api.config, 'deniz_bot'),
      await botWithToken(ds, api.config, 'kaan_bot'),
      await botWithToken(ds, api.config, 'elif_bot'),
    ];
    chat = await groupChat(ds);
    for (const { bot } of bots) {
      await api.app.get(WebhookService).register(bot.id, api.url);
    }
    worker = await startWorker(api.config);
  });

  afterAll(async () => {
    await worker.close();
    await fake.webhookIdle();
    await fake.stop();
    await api.stop();
  });

  const sends = () => fake.requestsFor('sendMessage');

  it('registration sets the webhook with a secret whose hash only is stored; no polling', async () => {
    const hook = fake.webhooks.get(bots[0].token);
    expect(hook?.url).toBe(`${api.url}/webhook/telegram/${bots[0].bot.id}`);
    expect(hook?.secretToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await ds.getRepository(Bot).findOneByOrFail({ id: bots[0].bot.id });
    expect(row.webhookSecretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.webhookSecretHash).not.toContain(hook?.secretToken);
    await worker.get(PollerSupervisor).superviseOnce();
    expect(worker.get(PollerSupervisor).polling()).toEqual([]);
    expect(fake.requestsFor('getUpdates')).toHaveLength(0);
  });

  it('a delivery with a wrong or missing secret is refused and stores nothing', async () => {
    const update = { update_id: 99, ...humanMessage(chat, 'BIST ne olur?') };
    const variants: Record<string, string>[] = [{ 'x-telegram-bot-api-secret-token': 'wrong' }, {}];
    for (const headers of variants) {
      const response = await fetch(`${api.url}/webhook/telegram/${bots[0].bot.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(update),
      });
      expect(response.status).toBe(401);
    }
    await new Promise((r) => setTimeout(r, 1000));
    expect(await ds.getRepository(Message).countBy({ chatDbId: chat.id })).toBe(0);
  });

  it('a question delivered to three bots is answered once, threaded', async () => {
    const update = humanMessage(chat, 'Kripto tarafında bugün ne var, satış mı gelir?');
    const telegramId = (update.message as { message_id: number }).message_id;
    for (const { token } of bots) {
      fake.pushUpdate(token, update);
    }
    await fake.webhookIdle();
    expect(fake.webhookDeliveries.map((d) => d.status)).toEqual([200, 200, 200]);
    await waitFor(() => sends().length >= 1, 20_000, 'a reply');
    await new Promise((r) => setTimeout(r, 2000));
    expect(sends()).toHaveLength(1);
    expect(sends()[0].params.reply_parameters).toMatchObject({ message_id: telegramId });
    expect(
      await ds.getRepository(Message).countBy({ chatDbId: chat.id, telegramMessageId: telegramId }),
    ).toBe(1);
  });

  it('a reply to a bot’s message is answered by that bot', async () => {
    const before = sends().length;
    const first = sends()[0];
    const answered = bots.find((b) => b.token === first.token) as TelegramBotFixture;
    const botMessage = fake.messages.find((m) => m.token === first.token);
    const update = humanMessage(chat, 'Neden öyle düşünüyorsun?', {
      reply_to_message: { message_id: botMessage?.messageId, date: 0, chat: {} },
    });
    for (const { token } of bots) {
      fake.pushUpdate(token, update);
    }
    await waitFor(() => sends().length > before, 20_000, 'the replied-to bot to answer');
    await new Promise((r) => setTimeout(r, 1500));
    const fresh = sends().slice(before);
    expect(fresh).toHaveLength(1);
    expect(fresh[0].token).toBe(answered.token);
  });
});
