import { Queue } from 'bullmq';
import { Message, MessageState } from '../../../src/messages/entities/message.entity';
import { jobIds } from '../../../src/queue/job-definitions';
import { QueueName } from '../../../src/queue/queue-name';
import { EngineE2e } from '../../support/engine-e2e';
import { WorkerProcess } from '../../support/worker-process';
import { assertLedgerInvariants, InvariantReport } from './invariants';

/**
 * The long form (`CHAOS_LONG=1`): more rounds of each fault and more traffic between them. The
 * short form is what `npm test` runs.
 */
export const CHAOS_LONG = process.env.CHAOS_LONG === '1';

/**
 * A short job lock so a dead worker's jobs come back within seconds (production default 30 s):
 * lock and stalled check every 4 s, so a crash is recovered 4–8 s after the last renewal.
 */
export const CHAOS_LOCK_MS = 4000;

/**
 * Worker settings of the process-fault scenarios. The Telegram and LLM timeouts are long so a
 * scripted hang is still in flight when the test kills or freezes the worker holding it.
 */
export const CHAOS_WORKER_ENV: Record<string, string> = {
  JOB_LOCK_MS: String(CHAOS_LOCK_MS),
  JOB_MAX_STALLS: '1',
  TELEGRAM_REQUEST_TIMEOUT_MS: '20000',
  LLM_TIMEOUT_MS: '20000',
};

/**
 * The whole system (EngineE2e: API, fakes, worker processes) plus what process-fault scenarios
 * need: the BullMQ queues as the workers see them, which worker holds a job (BullMQ records the
 * worker's `<host>:<pid>` on every job it takes), and the ledger invariants at the end.
 */
export class ChaosSystem {
  private readonly queues = new Map<QueueName, Queue>();
  /** Figures of the run (recovery times, counts), printed at the end of the long form. */
  private readonly figures: { what: string; value: string }[] = [];

  private constructor(
    private readonly label: string,
    readonly e2e: EngineE2e,
  ) {}

  static async start(label: string): Promise<ChaosSystem> {
    return new ChaosSystem(label, await EngineE2e.start(label));
  }

  /** Notes a figure for the long form's printout (docs/reliability.md quotes them). */
  note(what: string, value: number | string): void {
    this.figures.push({ what, value: String(value) });
  }

  startWorker(extra: Record<string, string> = {}): Promise<WorkerProcess> {
    return this.e2e.startWorker({ ...CHAOS_WORKER_ENV, ...extra });
  }

  /** Workers not (yet) killed or exited. */
  get liveWorkers(): WorkerProcess[] {
    return this.e2e.workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      const { url, prefix } = this.e2e.api.config.redis;
      queue = new Queue(name, { connection: { url }, prefix: `${prefix}:bull` });
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** The worker process running job `jobId` right now (undefined when it is not active). */
  async holderOf(queue: QueueName, jobId: string): Promise<WorkerProcess | undefined> {
    const q = this.queue(queue);
    if ((await q.getJobState(jobId)) !== 'active') {
      return undefined;
    }
    const job = await q.getJob(jobId);
    const pid = Number(job?.processedBy?.split(':').pop());
    return this.e2e.workers.find((w) => w.pid === pid);
  }

  /** Waits until some worker holds the job, and returns that worker. */
  async waitForHolder(queue: QueueName, jobId: string, timeoutMs = 30_000): Promise<WorkerProcess> {
    let holder: WorkerProcess | undefined;
    await this.e2e.waitFor(
      `a worker to hold ${jobId}`,
      async () => (holder = await this.holderOf(queue, jobId)) !== undefined,
      timeoutMs,
    );
    return holder as WorkerProcess;
  }

  /** The send job of a message, by its deterministic id. */
  sendJobId(messageId: number): string {
    return jobIds.send(messageId);
  }

  async message(id: number): Promise<Message> {
    return this.e2e.ds.getRepository(Message).findOneByOrFail({ id });
  }

  /** Polls until message `id` is in one of `states`; returns it. */
  async waitForState(id: number, states: MessageState[], timeoutMs = 40_000): Promise<Message> {
    await this.e2e.waitFor(
      `message ${id} to become ${states.join(' or ')}`,
      async () => states.includes((await this.message(id)).state),
      timeoutMs,
    );
    return this.message(id);
  }

  /** Rows written by one turn (its job id is the turn key). */
  async rowsOfTurn(turnKey: string): Promise<Message[]> {
    return this.e2e.ds
      .getRepository(Message)
      .createQueryBuilder('m')
      .where(`m.msg_metadata->>'turn_key' = :turnKey`, { turnKey })
      .getMany();
  }

  /**
   * Stops the simulation and checks the ledger against the fake Telegram, after giving in-flight
   * rows time to settle (stalled jobs re-run, the reaper runs every lock).
   */
  async assertInvariants(): Promise<InvariantReport> {
    await this.e2e.settings({ simulation_active: false });
    const report = await assertLedgerInvariants({
      dataSource: this.e2e.ds,
      telegram: this.e2e.telegram,
      settleTimeoutMs: CHAOS_LOCK_MS * 8,
    });
    const reasons: { state: string; reason: string | null; count: number }[] = await this.e2e.ds
      .query(`SELECT state, state_reason AS reason, count(*)::int AS count FROM messages
               WHERE bot_id IS NOT NULL AND state IN ('failed', 'unknown', 'skipped')
               GROUP BY 1, 2 ORDER BY 1, 2`);
    this.note(
      'ledger',
      `${report.rows} rows ${JSON.stringify(report.byState)}, ${report.acceptedSends} accepted ` +
        `sends, ${report.violations.length} violations; ` +
        (reasons.map((r) => `${r.count} ${r.state} (${r.reason ?? '-'})`).join(', ') ||
          'none failed'),
    );
    return report;
  }

  async stop(): Promise<void> {
    if (CHAOS_LONG && this.figures.length > 0) {
      console.log(
        `chaos ${this.label} (lock ${CHAOS_LOCK_MS} ms):\n` +
          this.figures.map((f) => `  ${f.what}: ${f.value}`).join('\n'),
      );
    }
    for (const worker of this.e2e.workers) {
      // A frozen worker could not even hear SIGTERM.
      worker.child.kill('SIGCONT');
    }
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await this.e2e.stop();
  }
}
