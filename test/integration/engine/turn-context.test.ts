import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Bot } from '../../../src/bots/entities/bot.entity';
import { Chat } from '../../../src/chats/entities/chat.entity';
import { ChatBot, ChatBotStatus } from '../../../src/chats/entities/chat-bot.entity';
import { AppConfig } from '../../../src/config/app-config';
import { TurnContextLoader } from '../../../src/engine/turn/turn-context.loader';
import {
  Message,
  MessageKind,
  MessageMetadata,
  MessageState,
} from '../../../src/messages/entities/message.entity';
import {
  BotFactory,
  ChatFactory,
  MessageFactory,
} from '../../support/factories/chat-message.factory';
import { deleteRedisPrefix } from '../../support/redis-cleanup';
import { testConfig } from '../../support/test-config';
import { TestDatabase } from '../../support/test-database';
import { startWorkerContext } from '../../support/worker-context';

/**
 * What a turn loads: the chat, its candidates (chat-bot.entity.ts: the chat's members, else every
 * enabled bot) and its history.
 */
describe('turn context', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let config: AppConfig;
  let worker: INestApplicationContext;
  let loader: TurnContextLoader;
  let enabled: Bot[];
  let disabled: Bot;

  beforeAll(async () => {
    db = await TestDatabase.migrated('turn_roster');
    ds = await db.dataSource();
    config = testConfig(db.url, { WORKER_QUEUES: 'maintenance', LLM_PROVIDER: 'demo' });
    enabled = [
      await BotFactory.create(ds),
      await BotFactory.create(ds),
      await BotFactory.create(ds),
    ];
    disabled = await BotFactory.create(ds, { isEnabled: false });
    worker = await startWorkerContext(config);
    loader = worker.get(TurnContextLoader);
  }, 60_000);

  afterAll(async () => {
    await worker.close();
    await ds.destroy();
    await deleteRedisPrefix(config.redis.prefix);
    await db.drop();
  });

  async function chatWith(rows: { bot: Bot; status: ChatBotStatus }[]): Promise<Chat> {
    const chat = await ChatFactory.create(ds);
    await ds
      .getRepository(ChatBot)
      .save(rows.map(({ bot, status }) => ({ chatDbId: chat.id, botId: bot.id, status })));
    return chat;
  }

  async function roster(chat: Chat): Promise<[number, string | null][]> {
    const ctx = await loader.load(chat.id);
    return (ctx?.candidates ?? []).map((c) => [c.entity.id, c.planner.membership]);
  }

  it('is the enabled members of a chat that has members', async () => {
    const chat = await chatWith([
      { bot: enabled[0], status: ChatBotStatus.Member },
      { bot: enabled[2], status: ChatBotStatus.Member },
      { bot: enabled[1], status: ChatBotStatus.Failed },
      { bot: disabled, status: ChatBotStatus.Member },
    ]);
    expect(await roster(chat)).toEqual([
      [enabled[0].id, 'member'],
      [enabled[2].id, 'member'],
    ]);
  });

  it('is every enabled bot of a chat without members, with their membership rows', async () => {
    const chat = await chatWith([{ bot: enabled[1], status: ChatBotStatus.Failed }]);
    expect(await roster(chat)).toEqual([
      [enabled[0].id, null],
      [enabled[1].id, 'failed'],
      [enabled[2].id, null],
    ]);
  });

  it('reads each member bot as TypeORM does (its row travels as JSON)', async () => {
    const bot = await BotFactory.create(ds, {
      personaProfile: { tone: 'sakin', watchlist: ['ASELS'] },
      activeHours: ['09:00-18:00'],
      lastError: 'eski hata',
      lastErrorAt: new Date('2026-11-30T10:11:12.345Z'),
    });
    const chat = await chatWith([{ bot, status: ChatBotStatus.Member }]);
    const ctx = await loader.load(chat.id);
    expect(ctx?.candidates.map((c) => c.entity)).toEqual([
      await ds.getRepository(Bot).findOneBy({ id: bot.id }),
    ]);
  });

  it('is empty when every member is disabled (not the whole fleet)', async () => {
    const chat = await chatWith([{ bot: disabled, status: ChatBotStatus.Member }]);
    expect(await roster(chat)).toEqual([]);
  });
  it('reads the chat as TypeORM does, with no history for a chat without messages', async () => {
    const chat = await ChatFactory.create(ds, { timezone: 'Europe/Istanbul', title: 'boş' });
    const ctx = await loader.load(chat.id);
    expect(ctx?.chat).toEqual(await ds.getRepository(Chat).findOneBy({ id: chat.id }));
    expect(ctx?.history).toEqual([]);
    expect(ctx?.messageInFlight).toBe(false);
    expect(await loader.load(-1)).toBeNull();
  });

  it('has the sent text messages oldest first, and sees a newer one still on its way', async () => {
    const chat = await chatWith([{ bot: enabled[0], status: ChatBotStatus.Member }]);
    const at = (s: number) => new Date(Date.now() - 60_000 + s * 1000);
    const message = (text: string, s: number, overrides: Partial<Message> = {}) =>
      MessageFactory.create(ds, {
        chatDbId: chat.id,
        botId: enabled[0].id,
        text,
        state: MessageState.Sent,
        createdAt: at(s),
        msgMetadata: { topic: 'BIST', symbols: ['THYAO'] },
        ...overrides,
      });
    const first = await message('ilk', 1, { telegramMessageId: 11 });
    await message('tepki', 2, { kind: MessageKind.Reaction });
    await message('atlandı', 3, { state: MessageState.Skipped });
    const second = await message('ikinci', 4, { replyToDbId: first.id });
    const human = await message('selam', 5, {
      botId: null,
      msgMetadata: { first_name: 'Ayşe', username: 'ayse' },
    });
    // Metadata as an older version or an import may have stored it: wrong types are ignored.
    const odd = await message('garip', 5.5, {
      botId: null,
      msgMetadata: {
        username: 42,
        topic: ['BIST'],
        symbols: ['ASELS', 7],
      } as unknown as MessageMetadata,
    });
    let ctx = await loader.load(chat.id);
    expect(ctx?.history.map((m) => [m.id, m.speaker, m.username, m.topic, m.symbols])).toEqual([
      [first.id, enabled[0].name, enabled[0].username, 'BIST', ['THYAO']],
      [second.id, enabled[0].name, enabled[0].username, 'BIST', ['THYAO']],
      [human.id, 'Ayşe', 'ayse', null, []],
      [odd.id, 'üye', null, null, ['ASELS']],
    ]);
    expect(ctx?.history[0].telegram_message_id).toBe(11);
    expect(ctx?.history[1].reply_to_id).toBe(first.id);
    expect(ctx?.messageInFlight).toBe(false);
    await message('yolda', 6, { state: MessageState.Planned });
    ctx = await loader.load(chat.id);
    expect(ctx?.messageInFlight).toBe(true);
    expect(ctx?.history).toHaveLength(4);
  });
});
