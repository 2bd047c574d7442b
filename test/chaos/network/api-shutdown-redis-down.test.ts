import { ChildProcess } from 'node:child_process';
import { FaultProxy } from '../support/fault-proxy';
import { spawnApiEntry } from '../../support/api-entry-process';
import { deleteRedisPrefix } from '../../support/redis-cleanup';
import { TestDatabase } from '../../support/test-database';
import { TEST_REDIS_URL, uniqueSuffix } from '../../support/test-env';
import { freePort } from '../../support/worker-process';

/** GET /healthz's status code, or 0 when the API does not answer. */
async function healthStatus(url: string): Promise<number> {
  try {
    return (await fetch(`${url}/healthz`)).status;
  } catch {
    return 0;
  }
}

async function until(what: string, check: () => Promise<boolean>, output: () => string) {
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}; API output:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The production API process (src/main.ts) loses Redis and is then asked to stop (SIGTERM, as
 * Kubernetes does during an incident): it must shut down cleanly, not die on an unhandled
 * rejection from closing its queues over a dead connection.
 */
describe('chaos (network): API shutdown while Redis is down', () => {
  let db: TestDatabase;
  let redis: FaultProxy;
  let api: ChildProcess | undefined;
  const prefix = `t_${uniqueSuffix()}`;

  beforeAll(async () => {
    db = await TestDatabase.migrated('chaos_shutdown');
    redis = await FaultProxy.forUrl(TEST_REDIS_URL);
  });

  afterAll(async () => {
    if (api && api.exitCode === null && api.signalCode === null) {
      api.kill('SIGKILL');
    }
    await redis.stop();
    await deleteRedisPrefix(prefix);
    await db.drop();
  });

  it('exits on SIGTERM without an unhandled rejection', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const { child, output } = spawnApiEntry({
      PORT: String(port),
      DATABASE_URL: db.url,
      DATABASE_POOL_SIZE: '3',
      REDIS_URL: redis.rewrite(TEST_REDIS_URL),
      REDIS_PREFIX: prefix,
    });
    api = child;
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );

    await until('the API to be healthy', async () => (await healthStatus(url)) === 200, output);
    await redis.down();
    await until(
      'the API to report Redis down',
      async () => (await healthStatus(url)) === 503,
      output,
    );

    child.kill('SIGTERM');
    const { code, signal } = await exited;

    // Nest closes the application, then re-raises the signal: a clean stop ends by SIGTERM.
    expect({ code, signal, unhandled: /unhandled|Stream isn't writeable/i.test(output()) }).toEqual(
      {
        code: null,
        signal: 'SIGTERM',
        unhandled: false,
      },
    );
  }, 90_000);
});
