import { randomBytes } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { Bot } from '../../../src/bots/entities/bot.entity';
import { Chat } from '../../../src/chats/entities/chat.entity';
import { AppConfig } from '../../../src/config/app-config';
import { ChatSchedule } from '../../../src/engine/scheduling/chat-schedule.service';
import { PendingHuman } from '../../../src/engine/turn/pending-human';
import { TurnService } from '../../../src/engine/turn/turn.service';
import { Message, MessageState } from '../../../src/messages/entities/message.entity';
import { jobIds } from '../../../src/queue/job-definitions';
import { JobProducer } from '../../../src/queue/job-producer.service';
import { QueueName } from '../../../src/queue/queue-name';
import { RedisService } from '../../../src/redis/redis.service';
import { TelegramUpdate } from '../../../src/telegram/telegram-transport';
import { HumanMessageService } from '../../../src/updates/human-message.service';
import { chatReply } from '../../support/engine-e2e';
import { BotFactory, ChatFactory } from '../../support/factories/chat-message.factory';
import { FakeOpenAiServer } from '../../support/fakes/fake-openai-server';
import { humanMessage, humanSettings, startWorker, waitFor } from '../../support/humans-fixture';
import { deleteRedisPrefix } from '../../support/redis-cleanup';
import { testConfig } from '../../support/test-config';
import { TestDatabase } from '../../support/test-database';

jest.setTimeout(60_000);

/**
 * A real member is answered before regular chatter (SPEC 7.1 step 1, 7.9): the answer jumps the
 * queue of waiting turns, and regular turns of that chat hold back (or give up a text written
 * meanwhile) until it is out. One turn at a time (TURN_CONCURRENCY=1) makes the order visible.
 */
describe('priority of answers to real members', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let config: AppConfig;
  let llm: FakeOpenAiServer;
  let worker: INestApplicationContext;
  let bots: Bot[];
  let humanChat: Chat;
  let otherChats: Chat[];

  beforeAll(async () => {
    db = await TestDatabase.migrated('humans_prio');
    ds = await db.dataSource();
    llm = await FakeOpenAiServer.start();
    llm.reply = chatReply;
    config = testConfig(db.url, {
      ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      WORKER_QUEUES: 'turn,send,updates',
      TURN_CONCURRENCY: '1',
      LLM_PROVIDER: 'openai',
      LLM_BASE_URL: llm.baseUrl,
      LLM_API_KEY: 'test',
      LLM_TIMEOUT_MS: '5000',
    });
    // Every turn writes a new message (no reactions, no quiet skips, no guard calls).
    await humanSettings(ds, {
      new_message_probability: 1,
      short_reaction_probability: 0,
      consistency_guard_enabled: false,
    });
    // Sandbox bots (no token): sent through the sandbox transport, like demo bots.
    bots = [
      await BotFactory.create(ds, { name: 'Ayla', username: 'ayla_bot' }),
      await BotFactory.create(ds, { name: 'Berk', username: 'berk_bot' }),
    ];
    humanChat = await ChatFactory.create(ds, { topics: ['BIST'] });
    otherChats = [];
    for (let i = 0; i < 5; i++) {
      otherChats.push(await ChatFactory.create(ds, { topics: ['BIST'] }));
    }
    worker = await startWorker(config);
  });

  afterAll(async () => {
    await worker.close();
    await llm.stop();
    await ds.destroy();
    await deleteRedisPrefix(config.redis.prefix);
    await db.drop();
  });

  const producer = () => worker.get(JobProducer);
  const pending = () => new PendingHuman(worker.get(RedisService));

  function scheduledTurn(chat: Chat): Promise<unknown> {
    return producer().enqueue(
      'turn.run',
      { chatDbId: chat.id, reason: 'scheduled' },
      { jobId: jobIds.turn(chat.id, Date.now()) },
    );
  }

  /** What the updates queue does with a member's message seen by a bot. */
  async function memberSays(text: string): Promise<Message> {
    const update = { update_id: 1, ...humanMessage(humanChat, text) } as unknown as TelegramUpdate;
    await expect(worker.get(HumanMessageService).handle(bots[0].id, update)).resolves.toMatchObject(
      { status: 'done' },
    );
    return ds.getRepository(Message).findOneOrFail({
      where: { chatDbId: humanChat.id, botId: IsNull() },
      order: { id: 'DESC' },
    });
  }

  const answerTo = (human: Message) =>
    ds.getRepository(Message).findOneBy({ replyToDbId: human.id, state: MessageState.Sent });

  it('the answer is written before the turns that were already waiting', async () => {
    const queue = producer().queue(QueueName.Turn);
    await queue.pause();
    for (const chat of otherChats) {
      await scheduledTurn(chat);
    }
    const human = await memberSays('Arkadaşlar BIST için ne düşünüyorsunuz?');
    await queue.resume();
    await waitFor(
      async () =>
        (await ds.getRepository(Message).countBy({ botId: MoreThan(0) })) === otherChats.length + 1,
      30_000,
      'the answer and the waiting turns',
    );
    const written = await ds.getRepository(Message).find({
      where: { botId: MoreThan(0) },
      order: { id: 'ASC' },
    });
    expect(written[0]).toMatchObject({ chatDbId: humanChat.id, replyToDbId: human.id });
    expect(written[0].msgMetadata).toMatchObject({ human_reply: true });
    expect(written.slice(1).map((m) => m.chatDbId)).toEqual(otherChats.map((c) => c.id));
    await waitFor(() => answerTo(human), 10_000, 'the answer sent');
  });

  it('a regular turn of the chat skips while an answer is pending, without asking the LLM', async () => {
    await pending().hold(humanChat.id, 999_999);
    const llmCalls = llm.requests.length;
    await expect(
      worker.get(TurnService).run({
        chatDbId: humanChat.id,
        reason: 'scheduled',
        turnKey: `prio-skip-${Date.now()}`,
        firstRun: true,
      }),
    ).resolves.toEqual({ status: 'skipped', reason: 'human_message_pending' });
    expect(llm.requests.length).toBe(llmCalls);
    await pending().release(humanChat.id, 999_999);
    expect(await pending().isWaiting(humanChat.id)).toBe(false);
  });

  it('a regular turn that was writing when a member spoke gives its text up; the answer goes out', async () => {
    await waitFor(async () => !(await pending().isWaiting(humanChat.id)), 10_000, 'no hold left');
    // The regular turn's text takes a while; the member speaks meanwhile.
    llm.script({ kind: 'ok', delayMs: 1500 });
    const llmCalls = llm.requests.length;
    await scheduledTurn(humanChat);
    await waitFor(() => llm.requests.length > llmCalls, 10_000, 'the regular turn writing');
    const human = await memberSays('Dolar nereye gidiyor sizce?');
    const answer = await waitFor(() => answerTo(human), 20_000, 'the answer sent');
    const yielded = await waitFor(
      () =>
        ds.getRepository(Message).findOneBy({
          chatDbId: humanChat.id,
          state: MessageState.Skipped,
          stateReason: 'human_message_pending',
        }),
      10_000,
      'the regular turn to give up',
    );
    expect(yielded.id).toBeLessThan(answer.id);
    // Nothing but the answer was sent in the chat after the member spoke.
    const sentAfter = await ds.getRepository(Message).find({
      where: { chatDbId: humanChat.id, id: MoreThan(human.id), state: MessageState.Sent },
    });
    expect(sentAfter.map((m) => m.id)).toEqual([answer.id]);
  });

  it('when the chosen bot cannot answer, the chat’s next regular turn is brought forward', async () => {
    await waitFor(async () => !(await pending().isWaiting(humanChat.id)), 10_000, 'no hold left');
    const schedule = worker.get(ChatSchedule);
    const later = Date.now() + 10 * 60_000;
    await schedule.scheduleAt(humanChat.id, later);
    // A bad request is not retried: the answer is given up at once.
    llm.script({ kind: 'error', status: 400 }, { times: 5 });
    await memberSays('Kimse yok mu, EREGL ne olur?');
    await waitFor(
      async () => ((await schedule.dueAt(humanChat.id)) ?? later) <= Date.now(),
      10_000,
      'the regular turn brought forward',
    );
    expect(await pending().isWaiting(humanChat.id)).toBe(false);
    llm.reset();
  });
});
