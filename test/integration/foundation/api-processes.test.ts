import { ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import { spawnApiEntry } from '../../support/api-entry-process';
import { waitFor } from '../../support/humans-fixture';
import { deleteRedisPrefix } from '../../support/redis-cleanup';
import { TEST_REDIS_URL, uniqueSuffix } from '../../support/test-env';
import { TestDatabase } from '../../support/test-database';
import { freePort } from '../../support/worker-process';

jest.setTimeout(180_000);

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

describe('API_PROCESSES: several API processes on one port', () => {
  let db: TestDatabase;
  let primary: ChildProcess;
  let output: () => string;
  let port: number;
  const prefix = `t_${uniqueSuffix()}`;

  /** The pids that wrote a request line for a path. */
  const servingPids = (path: string): Set<number> => {
    const pids = new Set<number>();
    for (const line of output().split('\n')) {
      if (line.includes('"request completed"') && line.includes(`"url":"${path}"`)) {
        pids.add((JSON.parse(line) as { pid: number }).pid);
      }
    }
    return pids;
  };

  beforeAll(async () => {
    db = await TestDatabase.migrated('api_procs');
    port = await freePort();
    ({ child: primary, output } = spawnApiEntry({
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      PORT: String(port),
      API_PROCESSES: '2',
    }));
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
    const pids = await waitFor(
      async () => {
        await statusOnNewConnection(port, '/auth/me').catch(() => 0);
        const seen = servingPids('/auth/me');
        return seen.size === 2 ? [...seen] : null;
      },
      60_000,
      'two processes serving',
    );
    expect(pids).not.toContain(primary.pid);
    expect(await statusOnNewConnection(port, '/auth/me')).toBe(401);

    process.kill(pids[0], 'SIGKILL');
    await waitFor(
      async () => {
        await statusOnNewConnection(port, '/bots').catch(() => 0);
        return [...servingPids('/bots')].some((pid) => !pids.includes(pid));
      },
      60_000,
      'the dead process replaced',
    );
    expect(output()).toContain('API process exited; starting another');

    const exited = new Promise<number | null>((resolve) => primary.once('exit', resolve));
    primary.kill('SIGTERM');
    const code = await exited;
    expect(code).toBe(0);
    const children = [...servingPids('/auth/me'), ...servingPids('/bots')];
    expect(children.filter(alive)).toEqual([]);
  });
});
