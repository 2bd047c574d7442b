import { ChildProcess, spawn } from 'node:child_process';
import request from 'supertest';
import { ApiHarness } from '../../support/api-harness';
import { freePort } from '../../support/worker-process';

// The project-level testTimeout does not reach hooks and tests here; the machine may be busy.
jest.setTimeout(60_000);

/** A throwaway redis-server of this test on its own port, so the test can stop and restart it. */
function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) {
        resolve(child);
      }
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
  });
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) {
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) {
      return true;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

describe('GET /readyz when Redis goes away and comes back', () => {
  let redis: ChildProcess;
  let port: number;
  let api: ApiHarness;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    api = await ApiHarness.start('ready_redis', { REDIS_URL: `redis://127.0.0.1:${port}` });
  }, 60_000);
  afterAll(async () => {
    // API first: closing its queues needs the Redis they talk to.
    await api?.stop();
    await stopRedis(redis);
  }, 60_000);

  it('is ready, then not ready while Redis is down, then ready again once it is back', async () => {
    await request(api.url).get('/readyz').expect(200);

    await stopRedis(redis);
    const down = await request(api.url).get('/readyz').expect(503);
    expect(down.body.status).toBe('error');
    expect(down.body.details.redis.status).toBe('down');
    expect(down.body.details.database.status).toBe('up');
    expect(down.body.details.migrations.status).toBe('up');

    redis = await startRedis(port);
    const recovered = await eventually(
      async () => (await request(api.url).get('/readyz')).status === 200,
      15_000,
    );
    expect(recovered).toBe(true);
  }, 60_000);
});
