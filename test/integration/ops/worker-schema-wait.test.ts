import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { runMigrateCommand } from '../../support/migrate-command';
import { deleteRedisPrefix } from '../../support/redis-cleanup';
import { TestDatabase } from '../../support/test-database';
import { TEST_REDIS_URL, uniqueSuffix } from '../../support/test-env';
import { freePort, WorkerProcess } from '../../support/worker-process';

// Worker processes and the migrations step start through ts-node on a machine that may be busy.
jest.setTimeout(120_000);

interface Probe {
  status: string;
  details: Record<string, { status: string; pending?: string[] }>;
}

async function probe(port: number, path: string): Promise<{ status: number; body: Probe }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, body: (await res.json()) as Probe };
}

/**
 * A rolling upgrade may start new workers before the migrations step has run: such a worker
 * waits, consuming nothing and unready, until the schema is current, and never migrates itself.
 */
describe('worker start-up with pending migrations', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let pending: string;
  const workers: WorkerProcess[] = [];
  const prefix = `t_${uniqueSuffix()}`;
  let queue: Queue;

  const env = (extra: Record<string, string>): Record<string, string> => ({
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '3',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: prefix,
    WORKER_QUEUES: 'maintenance',
    ...extra,
  });

  beforeAll(async () => {
    // Every migration but the newest applied: the schema of the previous release.
    db = await TestDatabase.migrated('worker_schema_wait');
    ds = await db.dataSource();
    await ds.undoLastMigration({ transaction: 'each' });
    const names = ds.migrations.map((m) => m.name ?? m.constructor.name).sort();
    pending = names[names.length - 1];
    queue = new Queue('maintenance', {
      connection: { url: TEST_REDIS_URL },
      prefix: `${prefix}:bull`,
    });
  });

  afterAll(async () => {
    for (const worker of workers) {
      worker.kill();
    }
    await queue.close();
    await deleteRedisPrefix(prefix);
    await ds.destroy();
    await db.drop();
  });

  it('gives up with exit 1 once WORKER_SCHEMA_WAIT_MS has passed', async () => {
    const worker = WorkerProcess.spawn(env({ WORKER_SCHEMA_WAIT_MS: '1000' }));
    workers.push(worker);
    const { code } = await worker.exited;
    expect({ code, output: worker.output }).toEqual({
      code: 1,
      output: expect.stringContaining(`1 migration(s) still pending: ${pending}`) as string,
    });
    expect(worker.output).not.toContain('Worker started');
  });

  it('consumes nothing and is unready until the migrations step has run, then starts', async () => {
    const port = await freePort();
    const worker = WorkerProcess.spawn(
      env({ WORKER_HTTP_PORT: String(port), WORKER_SCHEMA_WAIT_MS: '90000' }),
    );
    workers.push(worker);
    await worker.waitForLog(new RegExp(`Waiting for 1 pending migration\\(s\\): ${pending}`));
    const job = await queue.add('maintenance.probe', { requestedAt: 'while-waiting' });

    const waiting = await probe(port, '/readyz');
    expect(waiting.status).toBe(503);
    expect(waiting.body.details.migrations).toEqual({ status: 'down', pending: [pending] });
    // Alive: an orchestrator must not restart it meanwhile.
    expect((await probe(port, '/healthz')).status).toBe(200);

    // Several of its polls later it still waits: no job taken, no scheduler registered.
    await new Promise((r) => setTimeout(r, 5000));
    expect(worker.child.exitCode).toBeNull();
    expect(worker.output).not.toContain('Worker started');
    expect(await job.getState()).toBe('waiting');
    expect(await queue.getJobSchedulersCount()).toBe(0);
    // It never migrates itself.
    expect(await ds.showMigrations()).toBe(true);

    const migrated = await runMigrateCommand({ DATABASE_URL: db.url, DATABASE_POOL_SIZE: '3' });
    expect(migrated).toEqual(expect.objectContaining({ code: 0 }));
    expect(migrated.output).toContain(`Applied 1 migration(s): ${pending}`);

    await worker.waitForLog(/Worker started/, 30_000);
    await worker.waitFor('probe job done', async () => (await job.getState()) === 'completed');
    const ready = await probe(port, '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.details).toEqual({
      database: { status: 'up' },
      redis: { status: 'up' },
      migrations: { status: 'up' },
    });
    expect(worker.output.match(/Waiting for \d+ pending migration/g)).toHaveLength(1);
    expect(await worker.stop()).toBe(0);
  });
});
