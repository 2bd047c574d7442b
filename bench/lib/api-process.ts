import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from '../../test/support/worker-process';
import { productionNodeArgs } from './production-build';

const ROOT = join(__dirname, '..', '..');
const OUTPUT_TAIL = 64 * 1024;

/**
 * The real API as production starts it (package.json `start:api`, the built dist/: see
 * ensureProductionBuild) as a child process of its own, so that its CPU and memory can be
 * measured apart from the workers and the load generator. It logs at the production default
 * level (info: a JSON line per request), since that is part of what a request costs, into a file
 * as a container's log driver would take it: through a pipe to this process, whose event loop is
 * busy generating load, the API would block on full pipe writes and measure this process.
 */
export class ApiProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly logFile: string,
  ) {}

  /** The end of what the API wrote (its request log runs to megabytes). */
  get output(): string {
    const text = readFileSync(this.logFile, 'utf8');
    return text.slice(-OUTPUT_TAIL);
  }

  static async start(
    env: Record<string, string>,
    readyTimeoutMs = 120_000,
    /** Node flags before the production ones, e.g. `--cpu-prof --cpu-prof-dir <dir>`. */
    extraNodeArgs: string[] = [],
  ): Promise<ApiProcess> {
    const port = await freePort();
    const logFile = join(mkdtempSync(join(tmpdir(), 'piyasa-bench-api-')), 'api.log');
    const log = openSync(logFile, 'w');
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
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    const api = new ApiProcess(child, port, logFile);
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
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(dirname(this.logFile), { recursive: true, force: true });
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
