import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * The API's real entry point (src/main.ts through ts-node with swc) as a child process, for
 * tests of what only the process does: signals, exit codes, API_PROCESSES. Its stdout and stderr
 * are collected in `output()`. `env` goes on top of a local test setup (loopback, info logs, no
 * migrations at start).
 */
export function spawnApiEntry(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
} {
  let output = '';
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join('src', 'main.ts')],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        TS_NODE_SWC: 'true',
        LOG_LEVEL: 'info',
        HOST: '127.0.0.1',
        MIGRATIONS_RUN_ON_START: 'false',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}
