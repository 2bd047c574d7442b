import { DataSource } from 'typeorm';

/** Arbitrary but fixed: every process of this app takes the same advisory lock to migrate. */
const MIGRATION_LOCK_KEY = 7_312_204_901;

/**
 * Runs pending migrations while holding a PostgreSQL advisory lock, so that several API replicas
 * starting at once migrate one after another (the later ones find nothing to do).
 * Returns the names of the migrations applied by this call.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
      .catch(() => undefined);
    await runner.release();
  }
}

/** True when every migration file has been applied (used by readiness). */
export async function migrationsAreCurrent(dataSource: DataSource): Promise<boolean> {
  return !(await dataSource.showMigrations());
}
