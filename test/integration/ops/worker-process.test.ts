import { Queue } from 'bullmq';
import { deleteRedisPrefix } from '../../support/redis-cleanup';
import { TestDatabase } from '../../support/test-database';
import { TEST_REDIS_URL, uniqueSuffix } from '../../support/test-env';
import { loadConfig } from '../../../src/config/load-config';
import { maintenanceSchedules } from '../../../src/maintenance/maintenance-scheduler.service';
import { freePort, WorkerProcess } from '../../support/worker-process';

// The project-level testTimeout does not reach hooks and tests here; the machine may be busy.
jest.setTimeout(60_000);

const PROBE_DELAY_MS = 3000;
const GRACE_MS = 20_000;

/**
 * The worker as it runs in production (its own process): private HTTP, job schedulers, and a
 * graceful SIGTERM while a job is in flight.
 */
describe('worker process', () => {
  let db: TestDatabase;
  let worker: WorkerProcess;
  let queue: Queue;
  let port: number;
  let env: Record<string, string>;
  const prefix = `t_${uniqueSuffix()}`;

  beforeAll(async () => {
    db = await TestDatabase.migrated('worker_proc');
    port = await freePort();
    env = {
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      DATABASE_POOL_SIZE: '3',
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      WORKER_QUEUES: 'maintenance',
      WORKER_HTTP_PORT: String(port),
      TEST_PROBE_DELAY_MS: String(PROBE_DELAY_MS),
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
      LOG_LEVEL: 'info',
    };
    worker = WorkerProcess.spawn(env);
    queue = new Queue('maintenance', {
      connection: { url: TEST_REDIS_URL },
      prefix: `${prefix}:bull`,
    });
    await worker.waitFor('private /healthz', async () => {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      return res.status === 200;
    });
  }, 90_000);

  afterAll(async () => {
    worker.kill();
    await queue.close();
    await deleteRedisPrefix(prefix);
    await db.drop();
  });

  it('answers /healthz on its private port with both dependencies', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; details: Record<string, unknown> };
    expect(body.status).toBe('ok');
    expect(body.details).toEqual({ database: { status: 'up' }, redis: { status: 'up' } });
    expect((await fetch(`http://127.0.0.1:${port}/nothing`)).status).toBe(404);
  });

  it('registers the retention job scheduler once', async () => {
    await worker.waitFor('job scheduler', async () => (await queue.getJobSchedulersCount()) > 0);
    const schedulers = await queue.getJobSchedulers();
    // One scheduler per entry of the schedule table, each with its interval, none twice.
    expect(
      schedulers
        .map((s) => [s.key, Number(s.every)])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    ).toEqual(
      maintenanceSchedules(loadConfig(env))
        .map((m) => [m.job, m.everyMs])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
  });

  it('counts processed jobs on its private /metrics', async () => {
    const job = await queue.add('maintenance.probe', { requestedAt: new Date().toISOString() });
    await worker.waitFor('probe done', async () => (await job.getState()) === 'completed', 30_000);

    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(
      /piyasa_jobs_total\{queue="maintenance",job="maintenance\.probe",outcome="done",role="worker"\} 1/,
    );
    expect(text).toContain('# TYPE piyasa_job_duration_seconds histogram');
    expect(text).toContain('# TYPE piyasa_telegram_calls_total counter');
    expect(text).toMatch(
      /piyasa_queue_jobs\{queue="maintenance",state="waiting",role="worker"\} \d/,
    );
  });

  it('on SIGTERM finishes the job in flight, takes no new one, and exits 0 within the grace period', async () => {
    const inFlight = await queue.add('maintenance.probe', { requestedAt: 'in-flight' });
    await worker.waitFor('job active', async () => (await inFlight.getState()) === 'active');

    const signalledAt = Date.now();
    worker.child.kill('SIGTERM');
    // Enqueued after the signal: a stopping worker must leave it for another replica.
    await new Promise((r) => setTimeout(r, 300));
    const later = await queue.add('maintenance.probe', { requestedAt: 'after-sigterm' });

    const { code, signal } = await worker.exited;
    const tookMs = Date.now() - signalledAt;

    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(tookMs).toBeLessThan(GRACE_MS);
    expect(await inFlight.getState()).toBe('completed');
    const finished = await queue.getJob(inFlight.id ?? '');
    expect(finished?.returnvalue).toMatchObject({ status: 'done', requested_at: 'in-flight' });
    expect(await later.getState()).toBe('waiting');
    expect(worker.output).toContain('SIGTERM received');
  }, 60_000);
});
