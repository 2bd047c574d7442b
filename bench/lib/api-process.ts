import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../test/support/worker-process';
import { productionNodeArgs } from './production-build';

const ROOT = join(__dirname, '..', '..');
const OUTPUT_TAIL = 64 * 1024;

/**
 * The real API as production starts it (package.json `start:api`, the built dist/: see
 * ensureProductionBuild) as a child process of its own, so that its CPU and memory can be
 * measured apart from the workers and the load generator. It logs at the production default
 * level (info: a JSON line per request), since that is part of what a request costs.
 */
export class ApiProcess {
  /** The last OUTPUT_TAIL characters the API wrote (its request log runs to megabytes). */
  output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    const keep = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString()).slice(-OUTPUT_TAIL);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  static async start(
    env: Record<string, string>,
    readyTimeoutMs = 120_000,
    /** Node flags before the production ones, e.g. `--cpu-prof --cpu-prof-dir <dir>`. */
    extraNodeArgs: string[] = [],
  ): Promise<ApiProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, [...extraNodeArgs, ...productionNodeArgs('start:api')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'development',
        HOST: '127.0.0.1',
        PORT: String(port),
        MIGRATIONS_RUN_ON_START: 'false',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const api = new ApiProcess(child, port);
    await api.waitUntilHealthy(readyTimeoutMs);
    return api;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      return;
    }
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }

  private async waitUntilHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) {
        throw new Error(`API exited during start-up:\n${this.output}`);
      }
      const ok = await fetch(`${this.url}/healthz`)
        .then((res) => res.ok)
        .catch(() => false);
      if (ok) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`API not healthy within ${timeoutMs / 1000} s:\n${this.output}`);
  }
}
