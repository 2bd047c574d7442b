import { Job } from 'bullmq';
import { loadConfig } from '../../src/config/load-config';
import { maintenanceSchedules } from '../../src/maintenance/maintenance-scheduler.service';
import {
  FINAL_MESSAGE_STATES,
  Message,
  MessageState,
} from '../../src/messages/entities/message.entity';
import { QueueName } from '../../src/queue/queue-name';
import { FAST_SETTINGS } from '../support/engine-e2e';
import { WorkerProcess } from '../support/worker-process';
import { CHAOS_LONG, ChaosSystem } from './support/chaos-system';

jest.setTimeout(CHAOS_LONG ? 300_000 : 120_000);

const ROUNDS = CHAOS_LONG ? 5 : 1;
/**
 * Messages the fleet must send before the boot race is judged (more in the long form). Typing and
 * the chats' pace allow about one message every few seconds per chat.
 */
const BOOT_TRAFFIC = CHAOS_LONG ? 40 : 6;

/**
 * Replicas racing at boot (three workers started at the same instant against an empty Redis), then
 * graceful shutdown: SIGTERM to a worker while it holds sends in flight.
 */
describe('chaos: replicas racing at boot, graceful shutdown mid-traffic', () => {
  let sys: ChaosSystem;

  beforeAll(async () => {
    sys = await ChaosSystem.start('chaos_boot');
    await sys.e2e.settings({
      ...FAST_SETTINGS,
      short_reaction_probability: 0,
      // Typing keeps each send in flight for a couple of seconds: something to finish on SIGTERM.
      typing_enabled: true,
      typing_speed_wpm: { min: 20, max: 30 },
    });
    const bots = [await sys.e2e.bot('Arda'), await sys.e2e.bot('Melis'), await sys.e2e.bot('Cem')];
    for (const title of ['boot 1', 'boot 2', 'boot 3']) {
      await sys.e2e.chat(
        title,
        bots.map((b) => b.bot.id),
      );
    }
  }, 60_000);

  afterAll(async () => {
    await sys?.stop();
  }, 60_000);

  it('three replicas booting at once: one tick scheduler, one of each maintenance schedule', async () => {
    const spawnedAt = Date.now();
    await Promise.all([sys.startWorker(), sys.startWorker(), sys.startWorker()]);
    sys.note('3 replicas spawned → all consuming', `${Date.now() - spawnedAt} ms`);
    await sys.e2e.waitFor(
      `${BOOT_TRAFFIC} messages`,
      async () => (await sys.e2e.sentCount()) >= BOOT_TRAFFIC,
      CHAOS_LONG ? 240_000 : 90_000,
    );
    sys.note(`3 replicas spawned → ${BOOT_TRAFFIC} messages sent`, `${Date.now() - spawnedAt} ms`);

    const ticks = await sys.queue(QueueName.Tick).getJobSchedulers();
    expect(ticks.map((s) => s.key)).toEqual(['tick-scan']);
    const maintenance = await sys.queue(QueueName.Maintenance).getJobSchedulers();
    const expected = maintenanceSchedules(loadConfig(sys.e2e.workerEnv()))
      .map((s) => s.job)
      .sort();
    expect(maintenance.map((s) => s.key).sort()).toEqual(expected);
    // No turn ran twice and nothing went out twice (the checker also looks at turn keys).
    const report = await sys.assertInvariants();
    expect(report.byState.sent).toBeGreaterThanOrEqual(BOOT_TRAFFIC);
    await sys.e2e.settings({ simulation_active: true });
  });

  for (let round = 1; round <= ROUNDS; round++) {
    it(`SIGTERM mid-traffic finishes the sends in flight, loses nothing (round ${round})`, async () => {
      const send = sys.queue(QueueName.Send);
      // A worker with sends in flight (typing, or at Telegram) is the one to stop.
      let victim: WorkerProcess | undefined;
      let held: Job[] = [];
      await sys.e2e.waitFor('a worker holding sends', async () => {
        const active = await send.getActive();
        for (const worker of sys.liveWorkers) {
          held = active.filter((j) => Number(j.processedBy?.split(':').pop()) === worker.pid);
          if (held.length > 0) {
            victim = worker;
            return true;
          }
        }
        return false;
      });
      const stopping = victim as WorkerProcess;
      const sentBefore = await sys.e2e.sentCount();

      const stoppedAt = Date.now();
      expect(await stopping.stop()).toBe(0);
      sys.note(
        `round ${round}, SIGTERM with ${held.length} send(s) in flight → exit 0`,
        `${Date.now() - stoppedAt} ms`,
      );
      expect(stopping.output).toMatch(/SIGTERM received; finishing in-flight jobs/);

      // Every send it held ends sent, once: finished before it exited (or, parked by a limit
      // meanwhile, by another worker), never cut off mid-call into `unknown`.
      for (const job of held) {
        const messageId = (job.data as { messageId: number }).messageId;
        const row: Message = await sys.waitForState(messageId, [...FINAL_MESSAGE_STATES]);
        expect(row.state).toBe(MessageState.Sent);
        expect(sys.e2e.telegram.messages.filter((m) => m.text === row.text)).toHaveLength(1);
      }
      // The others carry on; a new replica joins.
      await sys.startWorker();
      await sys.e2e.waitFor('traffic after the shutdown', async () => {
        return (await sys.e2e.sentCount()) >= sentBefore + 3;
      });
    });
  }

  it('keeps every promise: nothing sent twice, nothing left in flight, no limit broken', async () => {
    const report = await sys.assertInvariants();
    expect(report.byState.unknown).toBe(0);
    expect(report.byState.failed).toBe(0);
  });
});
