import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface MigrateResult {
  code: number | null;
  output: string;
}

/**
 * The migrations step as `npm run migration:run` runs it (src/database/migrate.ts through
 * ts-node), in a child process of its own; resolves with its exit code and output.
 */
export function runMigrateCommand(env: Record<string, string>): Promise<MigrateResult> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join('src', 'database', 'migrate.ts')],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}
