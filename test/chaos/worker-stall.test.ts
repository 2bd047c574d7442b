import { Chat } from '../../src/chats/entities/chat.entity';
import { Message, MessageKind, MessageState } from '../../src/messages/entities/message.entity';
import { jobIds } from '../../src/queue/job-definitions';
import { JobProducer } from '../../src/queue/job-producer.service';
import { QueueName } from '../../src/queue/queue-name';
import { FAST_SETTINGS, SeededBot } from '../support/engine-e2e';
import { WorkerProcess } from '../support/worker-process';
import { CHAOS_LOCK_MS, CHAOS_LONG, ChaosSystem } from './support/chaos-system';

jest.setTimeout(120_000);

const ROUNDS = CHAOS_LONG ? 3 : 1;

/**
 * Faults that outlast a job's lock, with live traffic in another chat: a message whose worker
 * dies every time it is handled (past JOB_MAX_STALLS), and a worker frozen (SIGSTOP, a stand-in
 * for an event loop blocked longer than the lock) in the middle of its Telegram call, then thawed.
 *
 * The faulty messages are written straight into the ledger and enqueued like a turn does, by a bot
 * that is no chat's member (so in no rotation), so that the scripted fault hits exactly them.
 */
describe('chaos: crashes past the stall limit, and a worker frozen longer than its lock', () => {
  let sys: ChaosSystem;
  let side: Chat;
  let serial = 0;

  beforeAll(async () => {
    sys = await ChaosSystem.start('chaos_stall');
    await sys.e2e.settings({
      ...FAST_SETTINGS,
      short_reaction_probability: 0,
      typing_enabled: true,
      typing_speed_wpm: { min: 20, max: 30 },
      // A quiet chat (the new 'slow' one) speaks at every turn instead of by chance.
      new_message_probability: 1,
    });
    const talkers = [await sys.e2e.bot('Deniz'), await sys.e2e.bot('Selin')];
    await sys.e2e.chat(
      'traffic',
      talkers.map((t) => t.bot.id),
    );
    // Explicit members only: a chat without any would take every bot, the planted ones too.
    side = await sys.e2e.chat('side', [talkers[0].bot.id]);
    await Promise.all([sys.startWorker(), sys.startWorker()]);
  }, 180_000);

  afterAll(async () => {
    await sys?.stop();
  }, 60_000);

  /** A planned message of `bot` in the side chat, handed to the send queue like a turn does. */
  async function plant(bot: SeededBot, typingMs: number): Promise<Message> {
    serial += 1;
    const repo = sys.e2e.ds.getRepository(Message);
    const message = await repo.save(
      repo.create({
        botId: bot.bot.id,
        chatDbId: side.id,
        kind: MessageKind.Text,
        text: `Planlı mesaj ${serial}: THYAO bu hafta ilginç`,
        state: MessageState.Planned,
        msgMetadata: { typing_ms: typingMs },
      }),
    );
    await sys.e2e.api.app
      .get(JobProducer)
      .enqueue('send.deliver', { messageId: message.id }, { jobId: jobIds.send(message.id) });
    return message;
  }

  /** Waits for a holder of the job other than `not`, once `ready` holds; returns it. */
  async function holderWhen(
    jobId: string,
    ready: () => boolean,
    not?: WorkerProcess,
  ): Promise<WorkerProcess> {
    let holder: WorkerProcess | undefined;
    await sys.e2e.waitFor(`a worker to hold ${jobId}`, async () => {
      holder = await sys.holderOf(QueueName.Send, jobId);
      return holder !== undefined && holder !== not && ready();
    });
    return holder as WorkerProcess;
  }

  for (let round = 1; round <= ROUNDS; round++) {
    describe(`round ${round}`, () => {
      it('a message whose worker dies every time fails after the stall limit, sent never', async () => {
        const poison = await sys.e2e.bot(`Zehir${round}`);
        const { telegram } = sys.e2e;
        const typing = () => telegram.requestsFor('sendChatAction', poison.token).length;
        // Each delivery hangs in its typing indicator, where the test kills its worker.
        telegram.failNext({
          token: poison.token,
          method: 'sendChatAction',
          failure: { kind: 'hang' },
          times: 2,
        });
        const message = await plant(poison, 3000);
        const jobId = sys.sendJobId(message.id);

        const first = await holderWhen(jobId, () => typing() >= 1);
        first.kill();
        // Someone must be alive to notice the second stall: the replacement is up before it.
        await sys.startWorker();
        const second = await holderWhen(jobId, () => typing() >= 2, first);
        second.kill();
        const killedAt = Date.now();
        const replacement = sys.startWorker();

        const send = sys.queue(QueueName.Send);
        await sys.e2e.waitFor('the job to fail as stalled', async () => {
          return (await send.getJobState(jobId)) === 'failed';
        });
        expect((await send.getJob(jobId))?.failedReason).toMatch(/stalled more than allowable/);
        // The reaper gives the message its final state, with the job's reason.
        const failed = await sys.waitForState(message.id, [MessageState.Failed]);
        sys.note(`round ${round}, second kill → message failed`, `${Date.now() - killedAt} ms`);
        expect(failed.stateReason).toMatch(/^send_job_failed: .*stalled/);
        expect(telegram.requestsFor('sendMessage', poison.token)).toHaveLength(0);
        await replacement;
      });

      it('a worker frozen mid-call past its lock: another records unknown, the thawed one the truth', async () => {
        const sender = await sys.e2e.bot(`Buz${round}`);
        const { telegram } = sys.e2e;
        // Telegram answers after a moment: by then the worker that asked is frozen.
        telegram.failNext({
          token: sender.token,
          method: 'sendMessage',
          failure: { kind: 'delay', ms: 1000 },
        });
        const message = await plant(sender, 0);
        const jobId = sys.sendJobId(message.id);
        const frozen = await holderWhen(
          jobId,
          () => telegram.requestsFor('sendMessage', sender.token).length >= 1,
        );
        frozen.child.kill('SIGSTOP');
        const frozenAt = Date.now();
        try {
          // Its lock runs out; another worker re-runs the job, finds `sending`, and stops there.
          const judged = await sys.waitForState(
            message.id,
            [MessageState.Unknown],
            CHAOS_LOCK_MS * 6,
          );
          expect(judged.stateReason).toMatch(/^interrupted_during_send/);
        } finally {
          frozen.child.kill('SIGCONT');
        }
        const thawedAt = Date.now();
        sys.note(`round ${round}, frozen → judged unknown`, `${thawedAt - frozenAt} ms`);
        // Thawed, the worker reads Telegram's answer: the ledger learns the message id.
        const sent = await sys.waitForState(message.id, [MessageState.Sent]);
        sys.note(`round ${round}, thawed → sent recorded`, `${Date.now() - thawedAt} ms`);
        const accepted = telegram.messages.filter((m) => m.token === sender.token);
        expect(accepted).toHaveLength(1);
        expect(sent.telegramMessageId).toBe(accepted[0].messageId);
        expect(telegram.requestsFor('sendMessage', sender.token)).toHaveLength(1);
        // It lost its lock, not its life: it carries on working.
        expect(frozen.child.exitCode).toBeNull();
      });
    });
  }

  it('a worker frozen mid-turn past its lock: the turn runs again elsewhere and writes one row', async () => {
    // Its own model, so that the scripted slow answer goes to this bot's turn and no other.
    const model = 'gpt-4o-mini-frozen';
    const slow = await sys.e2e.bot('Donuk', { llmModel: model });
    const chat = await sys.e2e.chat('slow', [slow.bot.id]);
    const { llm } = sys.e2e;
    const calls = () => llm.requests.filter((r) => r.model === model).length;
    llm.script({ kind: 'ok', delayMs: 1000 }, { model });
    await sys.e2e.waitFor('the slow LLM call', () => calls() >= 1, 60_000);
    let turnId = '';
    let frozen: WorkerProcess | undefined;
    await sys.e2e.waitFor('the slow turn job', async () => {
      const active = await sys.queue(QueueName.Turn).getActive();
      turnId = active.find((j) => (j.data as { chatDbId: number }).chatDbId === chat.id)?.id ?? '';
      frozen = turnId ? await sys.holderOf(QueueName.Turn, turnId) : undefined;
      return frozen !== undefined;
    });
    const worker = frozen as WorkerProcess;
    worker.child.kill('SIGSTOP');
    const frozenAt = Date.now();
    try {
      // Its lock runs out; another worker runs the turn again: its message is sent (or, a
      // near-duplicate draft, skipped).
      await sys.e2e.waitFor(
        `turn ${turnId} to finish on another worker`,
        async () =>
          (await sys.rowsOfTurn(turnId)).some((m) =>
            [MessageState.Sent, MessageState.Skipped].includes(m.state),
          ),
        CHAOS_LOCK_MS * 12,
      );
      sys.note('frozen mid-turn → the turn done on another worker', `${Date.now() - frozenAt} ms`);
    } finally {
      worker.child.kill('SIGCONT');
    }
    // Thawed, the first worker reads its own (late) answer and finishes its copy of the turn:
    // it must find the turn taken (and say so in its log), not speak a second time.
    await sys.e2e.waitFor(
      `the thawed worker to finish its copy of ${turnId}`,
      async () => worker.output.includes(turnId) || (await sys.rowsOfTurn(turnId)).length > 1,
    );
    const rows = await sys.rowsOfTurn(turnId);
    expect(rows).toHaveLength(1);
    expect(sys.e2e.telegram.messages.filter((m) => m.text === rows[0].text)).toHaveLength(
      rows[0].state === MessageState.Sent ? 1 : 0,
    );
    expect(worker.child.exitCode).toBeNull();
  });

  it('keeps every promise: nothing sent twice, nothing left in flight, no limit broken', async () => {
    const report = await sys.assertInvariants();
    expect(report.byState.sent).toBeGreaterThan(ROUNDS);
    expect(sys.liveWorkers.length).toBeGreaterThanOrEqual(2);
  });
});
