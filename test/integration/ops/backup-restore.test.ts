import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { migrationsAreCurrent } from '../../../src/database/run-migrations';
import { Role } from '../../../src/users/entities/api-user.entity';
import { UserFactory } from '../../support/factories/user.factory';
import { TestDatabase } from '../../support/test-database';

// The project-level testTimeout does not reach hooks and tests here; the machine may be busy.
jest.setTimeout(60_000);

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..', '..');

async function script(name: string, databaseUrl: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('bash', [join(ROOT, 'scripts', name), ...args], {
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl },
  });
  return stdout.trim();
}

describe('scripts/backup.sh and scripts/restore.sh', () => {
  let source: TestDatabase;
  let target: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    source = await TestDatabase.migrated('backup_src');
    target = await TestDatabase.create('backup_dst');
    dir = await mkdtemp(join(tmpdir(), 'piyasa-backup-'));
  }, 60_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await source.drop();
    await target.drop();
  }, 60_000);

  it('dumps a database and restores it into a fresh one with its data and schema', async () => {
    const src = await source.dataSource();
    let username: string;
    try {
      ({
        user: { username },
      } = await UserFactory.withApiKey(src, Role.Admin));
      await src.query(`INSERT INTO settings (key, value) VALUES ('message_retention_days', '90')`);
      await src.query(
        `INSERT INTO messages (text, state) VALUES ('Selamlar, BIST bugün güçlü', 'sent')`,
      );
    } finally {
      await src.destroy();
    }

    const file = join(dir, 'piyasa.dump');
    expect(await script('backup.sh', source.url, file)).toBe(file);
    expect((await stat(file)).size).toBeGreaterThan(1000);
    await expect(stat(`${file}.partial`)).rejects.toThrow();

    expect(await script('restore.sh', target.url, file)).toBe(`restored ${file}`);

    const restored: DataSource = await target.dataSource();
    try {
      const users = await restored.query<{ username: string; role: string }[]>(
        'SELECT username, role FROM api_users',
      );
      expect(users).toEqual([{ username, role: 'admin' }]);
      expect(await restored.query('SELECT count(*)::int AS n FROM api_keys')).toEqual([{ n: 1 }]);
      expect(
        await restored.query(`SELECT value FROM settings WHERE key = 'message_retention_days'`),
      ).toEqual([{ value: 90 }]);
      expect(await restored.query('SELECT text FROM messages')).toEqual([
        { text: 'Selamlar, BIST bugün güçlü' },
      ]);
      await expect(migrationsAreCurrent(restored)).resolves.toBe(true);
      // Sequences came along: a new row does not collide with restored ids.
      await restored.query(`INSERT INTO messages (text, state) VALUES ('yeni', 'sent')`);
      expect(await restored.query('SELECT count(*)::int AS n FROM messages')).toEqual([{ n: 2 }]);
    } finally {
      await restored.destroy();
    }
  }, 60_000);

  it('refuses to restore a missing file without touching the database', async () => {
    await expect(script('restore.sh', target.url, join(dir, 'nope.dump'))).rejects.toMatchObject({
      code: 66,
    });
  });
});
