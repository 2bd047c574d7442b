import { ChildProcess, spawn } from 'node:child_process';
import { get } from 'node:http';
import { join } from 'node:path';
import { deleteRedisPrefix } from '../../support/redis-cleanup';
import { TEST_REDIS_URL, uniqueSuffix } from '../../support/test-env';
import { TestDatabase } from '../../support/test-database';
import { freePort } from '../../support/worker-process';

jest.setTimeout(180_000);

const ROOT = join(__dirname, '..', '..', '..');

/** One request on a connection of its own (the cluster hands out connections, not requests). */
function statusOnNewConnection(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, agent: false, timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    })
      .on('timeout', function (this: { destroy: (e: Error) => void }) {
        this.destroy(new Error(`GET ${path}: no answer within 5 s`));
      })
      .on('error', reject);
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
): Promise<T> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe('API_PROCESSES: several API processes on one port', () => {
  let db: TestDatabase;
  let primary: ChildProcess;
  let port: number;
  let output = '';
  const prefix = `t_${uniqueSuffix()}`;

  /** The pids that wrote a request line for a path. */
  const servingPids = (path: string): Set<number> => {
    const pids = new Set<number>();
    for (const line of output.split('\n')) {
      if (line.includes('"request completed"') && line.includes(`"url":"${path}"`)) {
        pids.add((JSON.parse(line) as { pid: number }).pid);
      }
    }
    return pids;
  };

  beforeAll(async () => {
    db = await TestDatabase.migrated('api_procs');
    port = await freePort();
    primary = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join('src', 'main.ts')],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'test',
          TS_NODE_SWC: 'true',
          DATABASE_URL: db.url,
          REDIS_URL: TEST_REDIS_URL,
          REDIS_PREFIX: prefix,
          HOST: '127.0.0.1',
          PORT: String(port),
          API_PROCESSES: '2',
          MIGRATIONS_RUN_ON_START: 'false',
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    primary.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    primary.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  });
  afterAll(async () => {
    if (primary.exitCode === null && primary.signalCode === null) {
      primary.kill('SIGKILL');
    }
    await deleteRedisPrefix(prefix);
    await db.drop();
  });

  it('serves from two processes, replaces one that dies, and stops all on SIGTERM', async () => {
    // Each new connection goes to the next process: both answer within a few connections.
    const pids = await until('two processes serving', async () => {
      await statusOnNewConnection(port, '/auth/me').catch(() => 0);
      const seen = servingPids('/auth/me');
      return seen.size === 2 ? [...seen] : undefined;
    });
    expect(pids).not.toContain(primary.pid);
    expect(await statusOnNewConnection(port, '/auth/me')).toBe(401);

    process.kill(pids[0], 'SIGKILL');
    await until('the dead process replaced', async () => {
      await statusOnNewConnection(port, '/bots').catch(() => 0);
      const seen = servingPids('/bots');
      return [...seen].some((pid) => !pids.includes(pid)) ? true : undefined;
    });
    expect(output).toContain('API process exited; starting another');

    const exited = new Promise<number | null>((resolve) => primary.once('exit', resolve));
    primary.kill('SIGTERM');
    const code = await exited;
    expect(code).toBe(0);
    const children = [...servingPids('/auth/me'), ...servingPids('/bots')];
    expect(children.filter(alive)).toEqual([]);
  });
});
