import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, QueryRunner } from 'typeorm';
import { MIGRATIONS_TABLE } from './data-source-options';

/** Arbitrary but fixed: every process of this app takes the same advisory lock to migrate. */
const MIGRATION_LOCK_KEY = 7_312_204_901;

/** How often a process waiting for another one's migrations asks for the lock again. */
const LOCK_POLL_MS = 250;

/**
 * Runs pending migrations while holding a PostgreSQL advisory lock, so that several API replicas
 * starting at once migrate one after another (the later ones find nothing to do).
 * Returns the names of the migrations applied by this call.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await takeMigrationLock(runner);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
      .catch(() => undefined);
    await runner.release();
  }
}

/**
 * Waits for the lock by asking again, never by blocking in pg_advisory_lock: a session blocked
 * there keeps its statement's snapshot for as long as it waits, and CREATE INDEX CONCURRENTLY in
 * a migration of the lock holder waits for every older snapshot to end. The two would wait for
 * each other forever, and PostgreSQL cannot see the cycle (it closes in the holder's process,
 * which keeps the lock on one connection and builds the index on another).
 */
async function takeMigrationLock(runner: QueryRunner): Promise<void> {
  for (;;) {
    // The runner's own connection: the lock belongs to the session that takes it.
    const rows = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [
      MIGRATION_LOCK_KEY,
    ])) as { locked: boolean }[];
    if (rows[0].locked) {
      return;
    }
    await sleep(LOCK_POLL_MS);
  }
}

/**
 * Names of this build's migration files not yet applied, oldest first. Only reads: unlike
 * TypeORM's showMigrations it never creates the migrations table, so a process that waits for the
 * schema (readiness, a starting worker) changes nothing in a database another process migrates.
 */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const [{ exists }] = await dataSource.query<{ exists: boolean }[]>(
    'SELECT to_regclass($1) IS NOT NULL AS exists',
    [MIGRATIONS_TABLE],
  );
  const rows = exists
    ? await dataSource.query<{ name: string }[]>(`SELECT name FROM ${MIGRATIONS_TABLE}`)
    : [];
  const applied = new Set(rows.map((row) => row.name));
  // TypeORM's own naming: the `name` property, else the class name (both end in the timestamp).
  return dataSource.migrations
    .map((migration) => migration.name ?? migration.constructor.name)
    .filter((name) => !applied.has(name))
    .sort((a, b) => Number(a.slice(-13)) - Number(b.slice(-13)));
}

/** True when every migration file has been applied (used by readiness). */
export async function migrationsAreCurrent(dataSource: DataSource): Promise<boolean> {
  return (await pendingMigrations(dataSource)).length === 0;
}
