import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../src/config/app-config';
import { DomainEvent, eventsChannel } from '../../../src/events/domain-events';
import { MessageReaper } from '../../../src/maintenance/message-reaper.service';
import { MAX_REDRIVE_AGE_MS } from '../../../src/maintenance/message-reaper';
import { Message, MessageState } from '../../../src/messages/entities/message.entity';
import { MessageLedger } from '../../../src/messages/message-ledger.service';
import { jobIds } from '../../../src/queue/job-definitions';
import { JobProducer } from '../../../src/queue/job-producer.service';
import { ALL_QUEUES, QueueName } from '../../../src/queue/queue-name';
import { RedisService } from '../../../src/redis/redis.service';
import {
  BotFactory,
  ChatFactory,
  MessageFactory,
} from '../../support/factories/chat-message.factory';
import { deleteRedisPrefix } from '../../support/redis-cleanup';
import { testConfig } from '../../support/test-config';
import { TestDatabase } from '../../support/test-database';
import { TEST_REDIS_URL } from '../../support/test-env';

const LOCK_MS = 5000;

/**
 * The reaper against the real PostgreSQL ledger and real BullMQ job states: each row is set up in
 * the state a crash leaves it in, with its send job in the matching BullMQ state.
 */
describe('MessageReaper (real PostgreSQL and BullMQ)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let config: AppConfig;
  let redis: RedisService;
  let queues: Queue[];
  let send: Queue;
  let fetcher: Worker;
  let reaper: MessageReaper;
  let subscriber: Redis;
  const events: DomainEvent[] = [];
  let botId: number;
  let chatDbId: number;

  beforeAll(async () => {
    db = await TestDatabase.migrated('reaper');
    ds = await db.dataSource();
    config = testConfig(db.url, { JOB_LOCK_MS: String(LOCK_MS) });
    redis = new RedisService(config, 'worker');
    const connection = { url: TEST_REDIS_URL };
    const prefix = `${config.redis.prefix}:bull`;
    queues = ALL_QUEUES.map((name) => new Queue(name, { connection, prefix }));
    const byName = (name: QueueName) => queues[ALL_QUEUES.indexOf(name)];
    send = byName(QueueName.Send);
    // A worker that only takes jobs when asked (getNextJob): jobs become active or failed at will.
    fetcher = new Worker(QueueName.Send, null, { connection, prefix, autorun: false });
    reaper = new MessageReaper(
      ds,
      new MessageLedger(ds),
      new JobProducer(
        byName(QueueName.Tick),
        byName(QueueName.Turn),
        send,
        byName(QueueName.Updates),
        byName(QueueName.Maintenance),
      ),
      redis,
      config,
    );
    subscriber = new Redis(TEST_REDIS_URL);
    subscriber.on('message', (_channel: string, raw: string) =>
      events.push(JSON.parse(raw) as DomainEvent),
    );
    await subscriber.subscribe(eventsChannel(redis));
    botId = (await BotFactory.create(ds)).id;
    chatDbId = (await ChatFactory.create(ds)).id;
  });

  afterAll(async () => {
    await fetcher.close();
    await Promise.all(queues.map((q) => q.close()));
    subscriber.disconnect();
    await redis.onModuleDestroy();
    await ds.destroy();
    await deleteRedisPrefix(config.redis.prefix);
    await db.drop();
  });

  /** A message row as a crash left it: `state`, untouched since `idleMs`, created `ageMs` ago. */
  async function leftInFlight(
    state: MessageState,
    idleMs: number,
    ageMs = idleMs,
  ): Promise<Message> {
    const row = await MessageFactory.create(ds, { botId, chatDbId, state });
    await ds.query(
      `UPDATE messages SET updated_at = now() - make_interval(secs => $2),
                           created_at = now() - make_interval(secs => $3) WHERE id = $1`,
      [row.id, idleMs / 1000, ageMs / 1000],
    );
    return row;
  }

  const addSendJob = (messageId: number, delay?: number) =>
    send.add('send.deliver', { messageId }, { jobId: jobIds.send(messageId), delay });

  /** Moves the next waiting send job to active (a worker holding it), optionally failing it. */
  async function takeNextJob(fail?: string): Promise<void> {
    const job = await fetcher.getNextJob('reaper-test-token');
    if (!job) {
      throw new Error('no job to take');
    }
    if (fail) {
      await job.moveToFailed(new Error(fail), 'reaper-test-token');
    }
  }

  const stateOf = async (id: number) =>
    (await ds.getRepository(Message).findOneByOrFail({ id })).state;
  const reasonOf = async (id: number) =>
    (await ds.getRepository(Message).findOneByOrFail({ id })).stateReason;

  it('closes what a crash left behind and leaves what is still owned', async () => {
    const stale = LOCK_MS * 3;
    // sending, job gone (e.g. failed past the stall limit and removed): may have reached Telegram.
    const sendingLost = await leftInFlight(MessageState.Sending, stale);
    // sending, job still active: a worker holds it (or BullMQ's stalled check will hand it on).
    const sendingHeld = await leftInFlight(MessageState.Sending, stale);
    await addSendJob(sendingHeld.id);
    await takeNextJob();
    // sending but touched a moment ago: inside the lease, not judged yet.
    const sendingFresh = await leftInFlight(MessageState.Sending, 0);
    // planned, its job failed (stalled too often): failed with the job's reason.
    const plannedFailedJob = await leftInFlight(MessageState.Planned, stale);
    await addSendJob(plannedFailedJob.id);
    await takeNextJob('job stalled more than allowable limit');
    // planned, waiting on a limiter (delayed job): left alone however long it waits.
    const plannedDelayed = await leftInFlight(MessageState.Planned, stale * 100);
    await addSendJob(plannedDelayed.id, 3600_000);
    // planned, its job never enqueued (worker died between the row and the job).
    const plannedOrphan = await leftInFlight(MessageState.Planned, stale);
    const plannedTooOld = await leftInFlight(MessageState.Planned, stale, MAX_REDRIVE_AGE_MS * 2);
    const generating = await leftInFlight(MessageState.Generating, stale);
    const done = await leftInFlight(MessageState.Sent, stale);

    const run = await reaper.reap();

    expect(run).toEqual({ examined: 7, redriven: 1, failed: 3, unknown: 1 });
    expect(await stateOf(sendingLost.id)).toBe(MessageState.Unknown);
    expect(await reasonOf(sendingLost.id)).toBe('interrupted_during_send: send job missing');
    expect(await stateOf(sendingHeld.id)).toBe(MessageState.Sending);
    expect(await stateOf(sendingFresh.id)).toBe(MessageState.Sending);
    expect(await stateOf(plannedFailedJob.id)).toBe(MessageState.Failed);
    expect(await reasonOf(plannedFailedJob.id)).toBe(
      'send_job_failed: job stalled more than allowable limit',
    );
    expect(await stateOf(plannedDelayed.id)).toBe(MessageState.Planned);
    expect(await send.getJobState(jobIds.send(plannedDelayed.id))).toBe('delayed');
    // Re-driven: still planned, with its send job queued under the deterministic id.
    expect(await stateOf(plannedOrphan.id)).toBe(MessageState.Planned);
    expect(await send.getJobState(jobIds.send(plannedOrphan.id))).toBe('waiting');
    expect(await stateOf(plannedTooOld.id)).toBe(MessageState.Failed);
    expect(await reasonOf(plannedTooOld.id)).toBe('send_job_lost: send job missing');
    expect(await stateOf(generating.id)).toBe(MessageState.Failed);
    expect(await stateOf(done.id)).toBe(MessageState.Sent);

    // The dashboard hears about every message the reaper closed.
    const closed = () =>
      events.flatMap((e) =>
        e.type === 'message_failed' ? [[e.message_id, e.state] as const] : [],
      );
    for (let waited = 0; closed().length < 4 && waited < 5000; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(closed().sort(([a], [b]) => a - b)).toEqual([
      [sendingLost.id, 'unknown'],
      [plannedFailedJob.id, 'failed'],
      [plannedTooOld.id, 'failed'],
      [generating.id, 'failed'],
    ]);

    // A second run finds nothing new to do: the re-driven job is queued, the rest is final.
    expect(await reaper.reap()).toMatchObject({ redriven: 0, failed: 0, unknown: 0 });
  });
});
