import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

function start(entry: 'src/main.ts' | 'src/worker.ts', env: Record<string, string>) {
  // Run from an empty directory with a clean environment, so a developer's .env cannot interfere.
  return spawnSync(
    process.execPath,
    ['-r', require.resolve('ts-node/register'), join(ROOT, entry)],
    {
      cwd: mkdtempSync(join(tmpdir(), 'piyasa-config-')),
      env: { PATH: process.env.PATH ?? '', TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...env },
      encoding: 'utf8',
      timeout: 60000,
    },
  );
}

describe('bad configuration', () => {
  it.each(['src/main.ts', 'src/worker.ts'] as const)(
    '%s exits with code 78 naming every bad variable and the fix',
    (entry) => {
      const result = start(entry, { REDIS_URL: 'localhost:6379', PORT: 'eighty' });
      expect(result.status).toBe(78);
      expect(result.stderr).toContain('DATABASE_URL is required but not set');
      expect(result.stderr).toContain('REDIS_URL must look like redis://host:6379');
      expect(result.stderr).toMatch(/PORT: .*integer/);
      expect(result.stderr).toContain('.env.example');
    },
  );
});
