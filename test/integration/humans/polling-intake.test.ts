import { randomBytes } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Bot, BotStatus } from '../../../src/bots/entities/bot.entity';
import { Chat } from '../../../src/chats/entities/chat.entity';
import { AppConfig } from '../../../src/config/app-config';
import { Message } from '../../../src/messages/entities/message.entity';
import { PollerSupervisor } from '../../../src/updates/poller-supervisor.service';
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
import { deleteRedisPrefix } from '../../support/redis-cleanup';
import { testConfig } from '../../support/test-config';
import { TestDatabase } from '../../support/test-database';

jest.setTimeout(60_000);

describe('human messages by long polling (fake Telegram, real worker module graph)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let fake: FakeTelegramServer;
  let config: AppConfig;
  let bots: TelegramBotFixture[];
  let chat: Chat;
  const workers: INestApplicationContext[] = [];

  beforeAll(async () => {
    db = await TestDatabase.migrated('humans_poll');
    ds = await db.dataSource();
    fake = await FakeTelegramServer.start();
    config = testConfig(db.url, {
      TELEGRAM_API_ROOT: fake.apiRoot,
      ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      WORKER_QUEUES: 'turn,send,updates',
    });
    await humanSettings(ds);
    bots = [
      await botWithToken(ds, config, 'ayse_bot'),
      await botWithToken(ds, config, 'mehmet_bot'),
      await botWithToken(ds, config, 'zeynep_bot'),
    ];
    chat = await groupChat(ds);
    workers.push(await startWorker(config), await startWorker(config));
  });

  afterAll(async () => {
    for (const w of workers) {
      await w.close();
    }
    await fake.stop();
    await ds.destroy();
    await deleteRedisPrefix(config.redis.prefix);
    await db.drop();
  });

  const sends = () => fake.requestsFor('sendMessage');

  /** Every bot of the group sees a member's message: the same update reaches all three. */
  function broadcast(update: Record<string, unknown>): void {
    for (const { token } of bots) {
      fake.pushUpdate(token, update);
    }
  }

  it('two replicas split the bots: each bot is polled by exactly one of them', async () => {
    const supervisors = workers.map((w) => w.get(PollerSupervisor));
    await waitFor(
      () => supervisors.flatMap((s) => s.polling()).length === bots.length,
      10_000,
      'all bots polled',
    );
    // No bot twice: a second poller of a token would have made Telegram answer 409.
    const polled = supervisors.flatMap((s) => s.polling()).sort();
    expect(polled).toEqual(bots.map((b) => b.bot.id).sort());
  });

  it('a question seen by three bots is stored once and answered once, threaded', async () => {
    const update = humanMessage(chat, 'Arkadaşlar BIST bugün nereye gider sizce?');
    const telegramId = (update.message as { message_id: number }).message_id;
    broadcast(update);
    await waitFor(() => sends().length >= 1, 20_000, 'a reply');
    await new Promise((r) => setTimeout(r, 2000));
    expect(sends()).toHaveLength(1);
    expect(sends()[0].params.reply_parameters).toMatchObject({ message_id: telegramId });
    const stored = await ds
      .getRepository(Message)
      .findBy({ chatDbId: chat.id, telegramMessageId: telegramId });
    expect(stored).toHaveLength(1);
    expect(stored[0].botId).toBeNull();
    expect(stored[0].msgMetadata).toMatchObject({
      is_incoming: true,
      from_user_id: 4242,
      first_name: 'Murat',
      username: 'murat_k',
    });
  });

  it('a mention is answered by the mentioned bot', async () => {
    const before = sends().length;
    const update = humanMessage(chat, '@zeynep_bot sen ne dersin, kripto toparlar mı?');
    broadcast(update);
    await waitFor(() => sends().length > before, 20_000, 'the mentioned bot to answer');
    await new Promise((r) => setTimeout(r, 1500));
    const fresh = sends().slice(before);
    expect(fresh).toHaveLength(1);
    expect(fresh[0].token).toBe(bots[2].token);
  });

  it('bots’ own messages and channel posts are ignored', async () => {
    const before = sends().length;
    const rowsBefore = await ds.getRepository(Message).countBy({ chatDbId: chat.id });
    broadcast(
      humanMessage(chat, 'BIST çok iyi', {
        from: { id: 900001, is_bot: true, first_name: 'x', username: 'other_bot' },
      }),
    );
    broadcast({ channel_post: { message_id: 1, date: 0, chat: { id: -5, type: 'channel' } } });
    await new Promise((r) => setTimeout(r, 2500));
    expect(sends().length).toBe(before);
    expect(await ds.getRepository(Message).countBy({ chatDbId: chat.id })).toBe(rowsBefore);
  });

  it('a restarted worker neither re-reads nor re-answers old updates', async () => {
    const before = sends().length;
    const rowsBefore = await ds.getRepository(Message).countBy({ chatDbId: chat.id });
    while (workers.length > 0) {
      await workers.pop()?.close();
    }
    workers.push(await startWorker(config));
    const supervisor = workers[0].get(PollerSupervisor);
    await waitFor(() => supervisor.polling().length === bots.length, 10_000, 'pollers back');
    await new Promise((r) => setTimeout(r, 3000));
    expect(sends().length).toBe(before);
    expect(await ds.getRepository(Message).countBy({ chatDbId: chat.id })).toBe(rowsBefore);
    // And a new message is still answered after the restart.
    broadcast(humanMessage(chat, 'Dolar/TL için yorumu olan var mı?'));
    await waitFor(() => sends().length > before, 20_000, 'an answer after restart');
  });

  it('a token Telegram refuses puts the bot in error and nobody polls it any more', async () => {
    const refused = bots[2];
    fake.revokeToken(refused.token);
    // Wake the pending long poll: the next getUpdates meets the 401.
    fake.pushUpdate(refused.token, {
      channel_post: { message_id: 2, date: 0, chat: { id: -5, type: 'channel' } },
    });
    const bots$ = ds.getRepository(Bot);
    await waitFor(
      async () => (await bots$.findOneByOrFail({ id: refused.bot.id })).status === BotStatus.Error,
      10_000,
      'the bot in error',
    );
    expect((await bots$.findOneByOrFail({ id: refused.bot.id })).lastError).toMatch(/token/);
    const polls = () => fake.requestsFor('getUpdates', refused.token).length;
    const pollsBefore = polls();
    const supervisor = workers[0].get(PollerSupervisor);
    await supervisor.superviseOnce();
    await supervisor.superviseOnce();
    expect(supervisor.polling()).not.toContain(refused.bot.id);
    expect(supervisor.polling()).toHaveLength(bots.length - 1);
    expect(polls()).toBe(pollsBefore);
  });
});
