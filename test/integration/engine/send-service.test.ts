import { createHash, randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Bot, BotStatus } from '../../../src/bots/entities/bot.entity';
import { Chat } from '../../../src/chats/entities/chat.entity';
import { ChatBot, ChatBotStatus } from '../../../src/chats/entities/chat-bot.entity';
import { AppConfig } from '../../../src/config/app-config';
import { EncryptionService } from '../../../src/crypto/encryption.service';
import { SendLimiter } from '../../../src/engine/limits/send-limiter.service';
import { AssociatedData } from '../../../src/crypto/associated-data';
import { BotTransports } from '../../../src/engine/send/bot-transports.service';
import { TokenRefusals } from '../../../src/engine/send/token-refusals.service';
import { SendService } from '../../../src/engine/send/send.service';
import { ChatSchedule } from '../../../src/engine/scheduling/chat-schedule.service';
import { DomainEvent, eventsChannel } from '../../../src/events/domain-events';
import { Message, MessageKind, MessageState } from '../../../src/messages/entities/message.entity';
import { MessageLedger } from '../../../src/messages/message-ledger.service';
import { RedisService } from '../../../src/redis/redis.service';
import { SettingsReader } from '../../../src/settings/settings-reader.service';
import { DomainEventPublisher } from '../../../src/events/domain-event-publisher.service';
import { DomainEventBus } from '../../../src/events/domain-event-bus.service';
import { Setting } from '../../../src/settings/entities/setting.entity';
import {
  BotFactory,
  ChatFactory,
  MessageFactory,
} from '../../support/factories/chat-message.factory';
import { FakeTelegramServer } from '../../support/fakes/fake-telegram-server';
import { deleteRedisPrefix } from '../../support/redis-cleanup';
import { testConfig } from '../../support/test-config';
import { TEST_REDIS_URL } from '../../support/test-env';
import { TestDatabase } from '../../support/test-database';

const attempt = { attemptsMade: 0, maxAttempts: 5 };

function fakeToken(id: number): string {
  return `${id}:${randomBytes(26).toString('base64url').slice(0, 35)}`;
}

describe('SendService against a fake Telegram Bot API (real PostgreSQL, Redis, telegraf)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let fake: FakeTelegramServer;
  let config: AppConfig;
  let redis: RedisService;
  let encryption: EncryptionService;
  let send: SendService;
  let ledger: MessageLedger;
  let subscriber: Redis;
  const events: DomainEvent[] = [];

  beforeAll(async () => {
    db = await TestDatabase.migrated('send');
    ds = await db.dataSource();
    fake = await FakeTelegramServer.start();
    config = testConfig(db.url, {
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_REQUEST_TIMEOUT_MS: '1500',
      ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    });
    redis = new RedisService(config, 'worker');
    encryption = new EncryptionService(config);
    ledger = new MessageLedger(ds);
    send = new SendService(
      ds,
      ledger,
      new SendLimiter(redis),
      new BotTransports(config, encryption, redis),
      redis,
      new SettingsReader(ds, new DomainEventBus(redis)),
      new ChatSchedule(redis),
      new TokenRefusals(ds, new DomainEventPublisher(redis)),
    );
    await ds.getRepository(Setting).save([
      { key: 'simulation_active', value: true },
      { key: 'typing_enabled', value: false },
      { key: 'max_msgs_per_min', value: 600 },
    ]);
    subscriber = new Redis(TEST_REDIS_URL);
    await subscriber.subscribe(eventsChannel(redis));
    subscriber.on('message', (_channel, text: string) =>
      events.push(JSON.parse(text) as DomainEvent),
    );
  });

  afterAll(async () => {
    subscriber.disconnect();
    await redis.onModuleDestroy();
    await fake.stop();
    await ds.destroy();
    await deleteRedisPrefix(config.redis.prefix);
    await db.drop();
  });

  async function telegramBot(): Promise<{ bot: Bot; token: string }> {
    const bot = await BotFactory.create(ds);
    const token = fakeToken(700000 + bot.id);
    await ds.getRepository(Bot).update(
      { id: bot.id },
      {
        tokenCiphertext: encryption.encrypt(token, AssociatedData.botToken(bot.id)),
        tokenFingerprint: createHash('sha256').update(token).digest('hex'),
      },
    );
    return { bot: await ds.getRepository(Bot).findOneByOrFail({ id: bot.id }), token };
  }

  const row = (id: number) => ds.getRepository(Message).findOneByOrFail({ id });

  /** Delivers like the processor does: a `delayed` outcome waits until its time, then again. */
  async function deliverHonouringDelays(id: number, info = attempt) {
    for (let i = 0; i < 5; i++) {
      const outcome = await send.deliver(id, info);
      if (outcome.status !== 'delayed') {
        return outcome;
      }
      await new Promise((r) => setTimeout(r, Math.max(0, outcome.until - Date.now()) + 20));
    }
    throw new Error('still delayed after 5 rounds');
  }
  const sentTo = (token: string) => fake.requestsFor('sendMessage', token);

  it('sends a threaded reply without link previews and records Telegram’s id', async () => {
    const { bot, token } = await telegramBot();
    const chat = await ChatFactory.create(ds);
    const message = await MessageFactory.create(ds, {
      botId: bot.id,
      chatDbId: chat.id,
      text: 'THYAO 300 üstünde kapanış yaparsa devam eder bence',
      replyToMessageId: 77,
    });

    const outcome = await send.deliver(message.id, attempt);

    expect(outcome).toMatchObject({ status: 'done' });
    const [request] = sentTo(token);
    expect(request.params).toMatchObject({ chat_id: chat.chatId, text: message.text });
    expect(JSON.stringify(request.params)).toContain('77');
    expect(JSON.stringify(request.params)).toMatch(/link_preview_options|disable_web_page_preview/);
    const stored = await row(message.id);
    expect(stored.state).toBe(MessageState.Sent);
    expect(stored.telegramMessageId).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 100));
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'message_sent', message_id: message.id, chat_id: chat.id }),
    );
  });

  it('sends a bot without a token through the sandbox, never over the network', async () => {
    const bot = await BotFactory.create(ds);
    const chat = await ChatFactory.create(ds);
    const before = fake.requests.length;
    const a = await MessageFactory.create(ds, { botId: bot.id, chatDbId: chat.id });
    expect(await send.deliver(a.id, attempt)).toMatchObject({ status: 'done' });
    expect(fake.requests.length).toBe(before);
    expect((await row(a.id)).telegramMessageId).toBeGreaterThan(0);
  });

  it('never sends twice when the same message is delivered concurrently', async () => {
    const { bot, token } = await telegramBot();
    const chat = await ChatFactory.create(ds);
    const message = await MessageFactory.create(ds, { botId: bot.id, chatDbId: chat.id });
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => send.deliver(message.id, attempt)),
    );
    expect(outcomes.filter((o) => o.status === 'done')).toHaveLength(1);
    expect(sentTo(token)).toHaveLength(1);
  });

  it('on 429 waits retry_after for that bot and chat only, without consuming an attempt', async () => {
    const { bot, token } = await telegramBot();
    const other = await telegramBot();
    const chat = await ChatFactory.create(ds);
    const otherChat = await ChatFactory.create(ds);
    fake.failNext({
      token,
      method: 'sendMessage',
      failure: { kind: 'rate_limited', retryAfter: 2 },
    });
    const message = await MessageFactory.create(ds, { botId: bot.id, chatDbId: chat.id });

    const outcome = await send.deliver(message.id, attempt);
    expect(outcome).toMatchObject({ status: 'delayed', reason: 'telegram_rate_limited' });
    if (outcome.status === 'delayed') {
      expect(outcome.until - Date.now()).toBeGreaterThan(1500);
    }
    expect((await row(message.id)).state).toBe(MessageState.Planned);

    // Still paused: the limiter answers with the pause, without calling Telegram.
    const paused = await send.deliver(message.id, attempt);
    expect(
      paused.status === 'delayed' && ['bot_paused', 'chat_paused'].includes(paused.reason),
    ).toBe(true);
    expect(sentTo(token)).toHaveLength(1);
    const otherMessage = await MessageFactory.create(ds, {
      botId: other.bot.id,
      chatDbId: otherChat.id,
    });
    expect(await send.deliver(otherMessage.id, attempt)).toMatchObject({ status: 'done' });

    expect(await deliverHonouringDelays(message.id)).toMatchObject({ status: 'done' });
    expect(
      fake.messages.filter((m) => m.text === message.text && m.chatId === chat.chatId),
    ).toHaveLength(1);
  });

  it('retries a 5xx and sends exactly one message', async () => {
    const { bot, token } = await telegramBot();
    const chat = await ChatFactory.create(ds);
    fake.failNext({ token, method: 'sendMessage', failure: { kind: 'server_error', status: 502 } });
    const message = await MessageFactory.create(ds, { botId: bot.id, chatDbId: chat.id });
    expect(await send.deliver(message.id, attempt)).toMatchObject({ status: 'retry' });
    expect(
      await deliverHonouringDelays(message.id, { attemptsMade: 1, maxAttempts: 5 }),
    ).toMatchObject({
      status: 'done',
    });
    expect(fake.messages.filter((m) => m.chatId === chat.chatId)).toHaveLength(1);
    expect((await row(message.id)).attempts).toBe(2);
  });

  it('fails a 5xx on the last attempt with the reason', async () => {
    const { bot, token } = await telegramBot();
    const chat = await ChatFactory.create(ds);
    fake.failNext({ token, method: 'sendMessage', failure: { kind: 'server_error' } });
    const message = await MessageFactory.create(ds, { botId: bot.id, chatDbId: chat.id });
    expect(await send.deliver(message.id, { attemptsMade: 4, maxAttempts: 5 })).toMatchObject({
      outcome: 'failed',
    });
    expect((await row(message.id)).stateReason).toMatch(/^telegram_transient/);
  });

  it('on 403 marks the membership failed and stops sending there', async () => {
    const { bot, token } = await telegramBot();
    const chat = await ChatFactory.create(ds);
    fake.failNext({
      token,
      method: 'sendMessage',
      failure: {
        kind: 'forbidden',
        description: 'Forbidden: bot was kicked from the supergroup chat',
      },
    });
    const first = await MessageFactory.create(ds, { botId: bot.id, chatDbId: chat.id });
    expect(await send.deliver(first.id, attempt)).toMatchObject({ outcome: 'failed' });
    const membership = await ds
      .getRepository(ChatBot)
      .findOneByOrFail({ chatDbId: chat.id, botId: bot.id });
    expect(membership.status).toBe(ChatBotStatus.Failed);
    expect(membership.lastError).toContain('kicked');

    const second = await MessageFactory.create(ds, { botId: bot.id, chatDbId: chat.id });
    expect(await send.deliver(second.id, attempt)).toMatchObject({ reason: 'membership_failed' });
    expect(sentTo(token)).toHaveLength(1);
  });

  it('on 401 puts the bot in error with a reason', async () => {
    const { bot, token } = await telegramBot();
    const chat = await ChatFactory.create(ds);
    fake.revokeToken(token);
    const message = await MessageFactory.create(ds, { botId: bot.id, chatDbId: chat.id });
    expect(await send.deliver(message.id, attempt)).toMatchObject({ outcome: 'failed' });
    const stored = await ds.getRepository(Bot).findOneByOrFail({ id: bot.id });
    expect(stored.status).toBe(BotStatus.Error);
    expect(stored.lastError).toContain('token');
  });

  it('follows migrate_to_chat_id: updates the chat and sends once to the new id', async () => {
    const { bot, token } = await telegramBot();
    const chat = await ChatFactory.create(ds);
    const newId = -1_009_000_000_000 - bot.id;
    fake.failNext({
      token,
      method: 'sendMessage',
      failure: { kind: 'migrated', migrateToChatId: newId },
    });
    const message = await MessageFactory.create(ds, { botId: bot.id, chatDbId: chat.id });
    expect(await send.deliver(message.id, attempt)).toMatchObject({
      status: 'delayed',
      reason: 'chat_migrated',
    });
    expect((await ds.getRepository(Chat).findOneByOrFail({ id: chat.id })).chatId).toBe(newId);
    expect(await deliverHonouringDelays(message.id)).toMatchObject({ status: 'done' });
    expect(fake.messages.filter((m) => m.chatId === newId)).toHaveLength(1);
  });

  it('records a send whose answer never came as unknown and never resends it', async () => {
    const { bot, token } = await telegramBot();
    const chat = await ChatFactory.create(ds);
    fake.failNext({ token, method: 'sendMessage', failure: { kind: 'process_then_hang' } });
    const message = await MessageFactory.create(ds, { botId: bot.id, chatDbId: chat.id });
    expect(await send.deliver(message.id, attempt)).toMatchObject({ outcome: 'unknown' });
    expect((await row(message.id)).state).toBe(MessageState.Unknown);
    expect(await send.deliver(message.id, attempt)).toMatchObject({ status: 'skipped' });
    expect(fake.messages.filter((m) => m.chatId === chat.chatId)).toHaveLength(1);
  });

  it('reacts with setMessageReaction on the target message', async () => {
    const { bot, token } = await telegramBot();
    const chat = await ChatFactory.create(ds);
    const reaction = await MessageFactory.create(ds, {
      botId: bot.id,
      chatDbId: chat.id,
      kind: MessageKind.Reaction,
      text: '🔥',
      replyToMessageId: 55,
    });
    expect(await send.deliver(reaction.id, attempt)).toMatchObject({ status: 'done' });
    expect(fake.requestsFor('setMessageReaction', token)[0].params).toMatchObject({
      message_id: 55,
    });
  });

  it('holds one message per second per chat across bots', async () => {
    const a = await telegramBot();
    const b = await telegramBot();
    const chat = await ChatFactory.create(ds);
    const first = await MessageFactory.create(ds, { botId: a.bot.id, chatDbId: chat.id });
    const second = await MessageFactory.create(ds, { botId: b.bot.id, chatDbId: chat.id });
    expect(await send.deliver(first.id, attempt)).toMatchObject({ status: 'done' });
    expect(await send.deliver(second.id, attempt)).toMatchObject({
      status: 'delayed',
      reason: 'chat_per_second',
    });
    expect(fake.limitViolations()).toEqual([]);
  });
});
