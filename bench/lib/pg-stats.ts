import { Client } from 'pg';
import { TEST_PG_ADMIN_URL } from '../../test/support/test-env';

/** Cumulative counters of one database from pg_stat_database. */
export interface PgCounters {
  /** Committed plus rolled-back transactions. */
  transactions: number;
  /** Rows read (tup_fetched: rows returned by index scans and the like). */
  rows_fetched: number;
  rows_written: number;
}

/**
 * pg_stat_database of the bench's own database, read over the admin connection so that reading it
 * adds nothing to the counters. pg_stat_statements is not required: every statement outside an
 * explicit transaction commits one transaction of its own, so `transactions` counts autocommit
 * statements exactly and a multi-statement transaction once (a lower bound of statements).
 * Backends report their counters at most once a second (and when they exit), so read the final
 * value after the processes have stopped.
 */
export async function readPgCounters(database: string): Promise<PgCounters> {
  return withAdmin(async (client) => {
    await client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await client.query<{
      transactions: string;
      rows_fetched: string;
      rows_written: string;
    }>(
      `SELECT xact_commit + xact_rollback AS transactions, tup_fetched AS rows_fetched,
              tup_inserted + tup_updated + tup_deleted AS rows_written
       FROM pg_stat_database WHERE datname = $1`,
      [database],
    );
    if (rows.length === 0) {
      throw new Error(`no pg_stat_database row for ${database}`);
    }
    return {
      transactions: Number(rows[0].transactions),
      rows_fetched: Number(rows[0].rows_fetched),
      rows_written: Number(rows[0].rows_written),
    };
  });
}

/**
 * Process ids of the PostgreSQL backends connected to a database (on this host, so that their
 * CPU can be read from /proc like any other process). The pools keep their connections open, so
 * the backends of a measurement window are those present at its start.
 */
export async function backendPids(database: string): Promise<number[]> {
  return withAdmin(async (client) => {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    );
    return rows.map((r) => r.pid);
  });
}

async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Counters per unit (e.g. per sent message) between two readings. */
export function pgPerUnit(
  before: PgCounters,
  after: PgCounters,
  units: number,
): Record<keyof PgCounters, number | null> {
  const per = (key: keyof PgCounters): number | null =>
    units > 0 ? Math.round(((after[key] - before[key]) / units) * 10) / 10 : null;
  return {
    transactions: per('transactions'),
    rows_fetched: per('rows_fetched'),
    rows_written: per('rows_written'),
  };
}
