import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
/** The TypeScript entry point through ts-node: what tests run (no build step needed). */
const TS_NODE_WORKER = ['-r', 'ts-node/register/transpile-only', join('src', 'worker.ts')];

/** A free TCP port on loopback (bind to 0, read it, release it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The real worker entry point (src/worker.ts through ts-node with swc, or other node arguments:
 * the benchmark runs the built dist/ as production does) as a child process, its output collected
 * for assertions. `start()` waits until the worker consumes its queues; `spawn()` returns at once
 * (for tests that watch start-up themselves).
 */
export class WorkerProcess {
  output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
  }

  static spawn(env: Record<string, string>, nodeArgs = TS_NODE_WORKER): WorkerProcess {
    const child = spawn(process.execPath, nodeArgs, {
      cwd: ROOT,
      // No private HTTP port unless the test asks for one: many workers run side by side.
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        WORKER_HTTP_PORT: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new WorkerProcess(child);
  }

  static async start(
    env: Record<string, string>,
    readyTimeoutMs = 60_000,
    nodeArgs = TS_NODE_WORKER,
  ): Promise<WorkerProcess> {
    const worker = WorkerProcess.spawn(env, nodeArgs);
    await worker.waitForLog(/Worker started/, readyTimeoutMs);
    return worker;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Polls until `check` resolves true; fails with the worker's output after `timeoutMs`. */
  async waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) {
        throw new Error(`Worker exited while waiting for ${what}:\n${this.output}`);
      }
      if (await check().catch(() => false)) {
        return;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`Timed out waiting for ${what}; worker output:\n${this.output}`);
  }

  waitForLog(pattern: RegExp, timeoutMs = 60_000): Promise<void> {
    return this.waitFor(`log ${pattern}`, async () => pattern.test(this.output), timeoutMs);
  }

  /** SIGTERM, then the exit code. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
    }
    return (await this.exited).code;
  }

  /** Kills the process at once (crash simulation, or cleanup after a failed test). */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGKILL');
    }
  }
}
