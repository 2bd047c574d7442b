import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Bot } from '../../../src/bots/entities/bot.entity';
import { Chat } from '../../../src/chats/entities/chat.entity';
import { ChatBot, ChatBotStatus } from '../../../src/chats/entities/chat-bot.entity';
import { AppConfig } from '../../../src/config/app-config';
import { ChatSchedule } from '../../../src/engine/scheduling/chat-schedule.service';
import { TurnScheduler } from '../../../src/engine/scheduling/turn-scheduler.service';
import { SendService } from '../../../src/engine/send/send.service';
import { TurnService } from '../../../src/engine/turn/turn.service';
import { Message, MessageKind, MessageState } from '../../../src/messages/entities/message.entity';
import { JobProducer } from '../../../src/queue/job-producer.service';
import { QueueName } from '../../../src/queue/queue-name';
import { Setting } from '../../../src/settings/entities/setting.entity';
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
 * Turns and the tick on the real worker module graph (PostgreSQL, Redis, the offline demo text
 * generator), called directly: no turn or send processor consumes the queues here.
 */
describe('turn scheduling: one message at a time per chat, retried turns, the tick', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let config: AppConfig;
  let worker: INestApplicationContext;
  let turns: TurnService;
  let bots: Bot[];

  beforeAll(async () => {
    db = await TestDatabase.migrated('turn_sched');
    ds = await db.dataSource();
    config = testConfig(db.url, { WORKER_QUEUES: 'maintenance', LLM_PROVIDER: 'demo' });
    await ds.getRepository(Setting).save(
      Object.entries({
        simulation_active: true,
        typing_enabled: false,
        short_reaction_probability: 0,
        new_message_probability: 1,
        news_trigger_enabled: false,
      }).map(([key, value]) => ({ key, value })),
    );
    bots = [await BotFactory.create(ds), await BotFactory.create(ds)];
    worker = await startWorkerContext(config);
    turns = worker.get(TurnService);
  }, 60_000);

  afterAll(async () => {
    await worker.close();
    await ds.destroy();
    await deleteRedisPrefix(config.redis.prefix);
    await db.drop();
  });

  async function chatWithBots(): Promise<Chat> {
    const chat = await ChatFactory.create(ds);
    await ds
      .getRepository(ChatBot)
      .save(bots.map((b) => ({ chatDbId: chat.id, botId: b.id, status: ChatBotStatus.Member })));
    return chat;
  }

  function messagesOfTurn(turnKey: string): Promise<Message[]> {
    return ds
      .getRepository(Message)
      .createQueryBuilder('m')
      .where(`m.msg_metadata->>'turn_key' = :turnKey`, { turnKey })
      .getMany();
  }

  it('waits while the chat’s previous text message is on its way, and is woken when it is sent', async () => {
    const chat = await chatWithBots();
    const typing = await MessageFactory.create(ds, {
      chatDbId: chat.id,
      botId: bots[0].id,
      kind: MessageKind.Text,
      state: MessageState.Planned,
    });

    const before = Date.now();
    expect(
      await turns.run({
        chatDbId: chat.id,
        reason: 'scheduled',
        turnKey: `turn-${chat.id}-1`,
        firstRun: true,
      }),
    ).toEqual({ status: 'skipped', reason: 'previous_message_in_flight' });
    expect(await messagesOfTurn(`turn-${chat.id}-1`)).toHaveLength(0);
    // Held back, but not for a whole gap: at most until the fallback look a few seconds later…
    const schedule = worker.get(ChatSchedule);
    expect(await schedule.dueAt(chat.id)).toBeGreaterThan(before);
    expect(await schedule.dueAt(chat.id)).toBeLessThanOrEqual(Date.now() + 5000);

    // …and woken as soon as the message is out.
    const sent = await worker
      .get(SendService)
      .deliver(typing.id, { attemptsMade: 0, maxAttempts: 5 });
    expect(sent).toMatchObject({ status: 'done' });
    expect(await schedule.dueAt(chat.id)).toBeLessThanOrEqual(Date.now());

    expect(
      await turns.run({
        chatDbId: chat.id,
        reason: 'scheduled',
        turnKey: `turn-${chat.id}-2`,
        firstRun: true,
      }),
    ).toMatchObject({ status: 'done' });
    expect(await messagesOfTurn(`turn-${chat.id}-2`)).toHaveLength(1);
    // That message is on its way now: the next turn waits for it in turn.
    expect(
      await turns.run({
        chatDbId: chat.id,
        reason: 'scheduled',
        turnKey: `turn-${chat.id}-3`,
        firstRun: true,
      }),
    ).toEqual({ status: 'skipped', reason: 'previous_message_in_flight' });
  });

  it('a turn job that ran before finds its own message instead of writing a second one', async () => {
    const chat = await chatWithBots();
    const request = {
      chatDbId: chat.id,
      reason: 'scheduled' as const,
      turnKey: `turn-${chat.id}-7`,
      firstRun: true,
    };
    expect(await turns.run(request)).toMatchObject({ status: 'done' });
    const [first] = await messagesOfTurn(request.turnKey);
    // Sent meanwhile, so that the retry is not held back by the message in flight.
    await worker.get(SendService).deliver(first.id, { attemptsMade: 0, maxAttempts: 5 });

    expect(await turns.run({ ...request, firstRun: false })).toEqual({
      status: 'skipped',
      reason: 'turn_already_done',
    });
    expect(await messagesOfTurn(request.turnKey)).toHaveLength(1);
  });

  it('one tick claims the chats that fall due while it runs and enqueues their turns', async () => {
    const chat = await chatWithBots();
    const schedule = worker.get(ChatSchedule);
    await schedule.scheduleAt(chat.id, Date.now() + 300);

    const result = await worker.get(TurnScheduler).tick(1500);

    expect(result).toMatchObject({ status: 'done' });
    const waiting = await worker.get(JobProducer).queue(QueueName.Turn).getJobs(['waiting']);
    expect(waiting.map((job) => (job.data as { chatDbId: number }).chatDbId)).toContain(chat.id);
    // Claimed: the chat now carries the claim's lease, far beyond the tick.
    expect(await schedule.dueAt(chat.id)).toBeGreaterThan(Date.now() + 30_000);
  });
});
