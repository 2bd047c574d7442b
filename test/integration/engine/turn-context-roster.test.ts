import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Bot } from '../../../src/bots/entities/bot.entity';
import { Chat } from '../../../src/chats/entities/chat.entity';
import { ChatBot, ChatBotStatus } from '../../../src/chats/entities/chat-bot.entity';
import { AppConfig } from '../../../src/config/app-config';
import { TurnContextLoader } from '../../../src/engine/turn/turn-context.loader';
import { BotFactory, ChatFactory } from '../../support/factories/chat-message.factory';
import { deleteRedisPrefix } from '../../support/redis-cleanup';
import { testConfig } from '../../support/test-config';
import { TestDatabase } from '../../support/test-database';
import { startWorkerContext } from '../../support/worker-context';

/** The candidates of a turn (chat-bot.entity.ts): the chat's members, else every enabled bot. */
describe('turn context: the chat roster', () => {
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

  it('is empty when every member is disabled (not the whole fleet)', async () => {
    const chat = await chatWith([{ bot: disabled, status: ChatBotStatus.Member }]);
    expect(await roster(chat)).toEqual([]);
  });
});
