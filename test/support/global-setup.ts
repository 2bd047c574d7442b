import { Client } from 'pg';
import Redis from 'ioredis';
import { TEST_PG_ADMIN_URL, TEST_REDIS_URL } from './test-env';

/** Fails the run early, with the fix, when PostgreSQL or Redis is not reachable. */
export default async function globalSetup(): Promise<void> {
  const pg = new Client({ connectionString: TEST_PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await pg.connect();
    await pg.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `Integration tests need PostgreSQL at ${TEST_PG_ADMIN_URL} (${(error as Error).message}). ` +
        'Start it (pg_ctlcluster <version> main start) or set TEST_PG_ADMIN_URL.',
    );
  } finally {
    await pg.end().catch(() => undefined);
  }
  const redis = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 3000,
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(
      `Integration tests need Redis at ${TEST_REDIS_URL} (${(error as Error).message}). ` +
        'Start it (redis-server --daemonize yes) or set TEST_REDIS_URL.',
    );
  } finally {
    redis.disconnect();
  }
}
