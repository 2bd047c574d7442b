import { DataSource } from 'typeorm';
import { runMigrationsLocked } from '../../../src/database/run-migrations';
import { TestDatabase } from '../../support/test-database';

/** Rejects after `ms`: a deadlock must fail the test, not hang it. */
function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

describe('runMigrationsLocked', () => {
  let db: TestDatabase;
  let replicas: DataSource[];

  beforeAll(async () => {
    db = await TestDatabase.create('run_migrations');
    replicas = await Promise.all([db.dataSource(), db.dataSource()]);
  });
  afterAll(async () => {
    // Dropped first: WITH (FORCE) ends sessions a failed (deadlocked) run would leave waiting.
    await db.drop();
    await Promise.all(replicas.map((ds) => ds.destroy()));
  });

  // The waiting replica must not hold a snapshot while it waits: the holder's migrations build
  // indexes CONCURRENTLY, which wait for every older snapshot (a blocking pg_advisory_lock
  // deadlocked here).
  it('lets two replicas starting at once migrate one after the other', async () => {
    const [first, second] = await within(
      20_000,
      Promise.all(replicas.map((ds) => runMigrationsLocked(ds))),
    );
    const all = replicas[0].migrations.map((m) => m.name).sort();
    const [applied, nothing] = [first, second].sort((a, b) => b.length - a.length);
    expect([...applied].sort()).toEqual(all);
    expect(nothing).toEqual([]);
    expect(await replicas[0].showMigrations()).toBe(false);
    const held = await replicas[0].query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM pg_locks WHERE locktype = 'advisory'`,
    );
    expect(held[0].count).toBe(0);
  });
});
