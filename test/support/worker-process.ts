import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * A real worker process (src/worker.ts through ts-node/swc) for end-to-end tests. Output is kept
 * so tests can assert on logs; `stop()` sends SIGTERM and waits for the exit.
 */
export class WorkerProcess {
  private output = '';
  private exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  static async start(env: Record<string, string>, readyTimeoutMs = 60000): Promise<WorkerProcess> {
    const child = spawn(process.execPath, ['-r', 'ts-node/register', 'src/worker.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const worker = new WorkerProcess(child);
    await worker.waitForLog(/Worker started/, readyTimeoutMs);
    return worker;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get logs(): string {
    return this.output;
  }

  async waitForLog(pattern: RegExp, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.output)) {
      if (this.child.exitCode !== null) {
        throw new Error(
          `worker exited (${this.child.exitCode}) before ${pattern}:\n${this.output}`,
        );
      }
      if (Date.now() > deadline) {
        throw new Error(`worker did not log ${pattern} within ${timeoutMs} ms:\n${this.output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** SIGTERM, then the exit code. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode === null) {
      this.child.kill('SIGTERM');
    }
    return this.exited;
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}
