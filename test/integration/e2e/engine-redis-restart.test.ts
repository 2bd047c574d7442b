import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { MessageState } from '../../../src/messages/entities/message.entity';
import { EngineE2e, FAST_SETTINGS } from '../../support/engine-e2e';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A private, non-persistent Redis (never the machine's shared one), killed and restarted here. */
class PrivateRedis {
  private child?: ChildProcess;
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis did not start:\n${output}`)), 10000);
      child.stdout?.on('data', (d: Buffer) => {
        output += d.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
  }
}

describe('engine end to end: Redis restarted while the simulation runs', () => {
  let redis: PrivateRedis;
  let e2e: EngineE2e;

  beforeAll(async () => {
    redis = new PrivateRedis(await freePort());
    await redis.start();
    e2e = await EngineE2e.start('e2e_redis', { redisUrl: redis.url });
    await e2e.settings({ ...FAST_SETTINGS, short_reaction_probability: 0 });
    const a = await e2e.bot('Deniz');
    const b = await e2e.bot('Selin');
    await e2e.chat('restart', [a.bot.id, b.bot.id]);
    await e2e.chat('restart 2', [a.bot.id, b.bot.id]);
    await Promise.all([e2e.startWorker(), e2e.startWorker()]);
  }, 120000);

  afterAll(async () => {
    await e2e?.stop();
    await redis?.kill();
  }, 60000);

  it('resumes by itself after Redis comes back empty', async () => {
    await e2e.waitFor('messages before the restart', async () => (await e2e.sentCount()) >= 3);
    await redis.kill();
    await new Promise((r) => setTimeout(r, 2000));
    await redis.start();
    const before = e2e.telegram.messages.length;
    await e2e.waitFor(
      'messages after the restart',
      () => e2e.telegram.messages.length >= before + 3,
      40000,
    );
    await e2e.settings({ simulation_active: false });
    await new Promise((r) => setTimeout(r, 1000));

    const texts = e2e.telegram.messages.map((m) => m.text);
    expect(new Set(texts).size).toBe(texts.length);
    const sent = await e2e.messages({ state: MessageState.Sent });
    expect(sent.length).toBeGreaterThanOrEqual(6);
    expect(e2e.telegram.limitViolations()).toEqual([]);
  }, 90000);
});
