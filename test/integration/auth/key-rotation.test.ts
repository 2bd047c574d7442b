import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../src/config/app-config';
import { AssociatedData } from '../../../src/crypto/associated-data';
import { EncryptionService } from '../../../src/crypto/encryption.service';
import { KeyRotation } from '../../../src/crypto/key-rotation.service';
import { Role } from '../../../src/users/entities/api-user.entity';
import { UserFactory } from '../../support/factories/user.factory';
import { TestDatabase } from '../../support/test-database';

// Starting apps (argon2, migrations) can exceed Jest's 5 s default hook timeout on a busy machine.
jest.setTimeout(120_000);

const run = promisify(execFile);

function encryption(keys: Record<string, Buffer>, active: string): EncryptionService {
  return new EncryptionService({
    encryption: {
      keys: Object.entries(keys).map(([id, key]) => ({ id, key })),
      activeKeyId: active,
    },
  } as AppConfig);
}

describe('encryption key rotation', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);
  const old = encryption({ k1 }, 'k1');
  const botIds: number[] = [];
  const tokens = new Map<number, string>();
  let userId: number;
  let tamperedBotId: number;

  beforeAll(async () => {
    db = await TestDatabase.migrated('auth_rotation');
    ds = await db.dataSource();
    for (let i = 0; i < 7; i++) {
      const [{ id }] = await ds.query<{ id: number }[]>(
        `INSERT INTO bots (name) VALUES ($1) RETURNING id`,
        [`bot ${i}`],
      );
      const token = `12345678${i}:AA${randomBytes(20).toString('hex')}`;
      tokens.set(id, token);
      await ds.query('UPDATE bots SET token_ciphertext = $1 WHERE id = $2', [
        old.encrypt(token, AssociatedData.botToken(id)),
        id,
      ]);
      botIds.push(id);
    }
    await ds.query(`INSERT INTO bots (name) VALUES ('sandbox bot without token')`);
    const user = await UserFactory.create(ds, { role: Role.Admin });
    userId = user.id;
    await ds.query(
      'UPDATE api_users SET mfa_secret_ciphertext = $1, mfa_enabled = true WHERE id = $2',
      [old.encrypt('JBSWY3DPEHPK3PXP', AssociatedData.userMfaSecret(user.id)), user.id],
    );
    // One row tampered with: reported, never overwritten.
    tamperedBotId = botIds[3];
    const [{ c }] = await ds.query<{ c: string }[]>(
      'SELECT token_ciphertext AS c FROM bots WHERE id = $1',
      [tamperedBotId],
    );
    const parts = c.split(':');
    parts[3] = Buffer.alloc(16, 1).toString('base64');
    await ds.query('UPDATE bots SET token_ciphertext = $1 WHERE id = $2', [
      parts.join(':'),
      tamperedBotId,
    ]);
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('re-encrypts everything not on the active key, in batches, idempotently', async () => {
    const rotated = encryption({ k1, k2 }, 'k2');
    const first = await new KeyRotation(ds, rotated, 2).rotateAll();
    expect(first).toEqual([
      { label: 'bot tokens', rotated: 6, failed: [tamperedBotId] },
      { label: 'TOTP secrets', rotated: 1, failed: [] },
    ]);
    const second = await new KeyRotation(ds, rotated, 2).rotateAll();
    expect(second.map((r) => r.rotated)).toEqual([0, 0]);

    // Readable with the new key alone; the tampered row is untouched (still on k1).
    const onlyNew = encryption({ k2 }, 'k2');
    const rows = await ds.query<{ id: number; token_ciphertext: string }[]>(
      'SELECT id, token_ciphertext FROM bots WHERE token_ciphertext IS NOT NULL ORDER BY id',
    );
    for (const row of rows) {
      if (row.id === tamperedBotId) {
        expect(row.token_ciphertext.startsWith('v1:k1:')).toBe(true);
        continue;
      }
      expect(onlyNew.decrypt(row.token_ciphertext, AssociatedData.botToken(row.id))).toBe(
        tokens.get(row.id),
      );
    }
    const [{ m }] = await ds.query<{ m: string }[]>(
      'SELECT mfa_secret_ciphertext AS m FROM api_users WHERE id = $1',
      [userId],
    );
    expect(onlyNew.decrypt(m, AssociatedData.userMfaSecret(userId))).toBe('JBSWY3DPEHPK3PXP');
  });

  it('runs as a command (npm run keys:rotate) and reports unreadable rows by id only', async () => {
    const k3 = randomBytes(32);
    const env = {
      ...process.env,
      DATABASE_URL: db.url,
      ENCRYPTION_KEYS: `k3:${k3.toString('base64')},k2:${k2.toString('base64')},k1:${k1.toString('base64')}`,
      ENCRYPTION_ACTIVE_KEY_ID: 'k3',
    };
    const root = join(__dirname, '..', '..', '..');
    const result = await run(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'src/crypto/rotate-keys.ts'],
      { cwd: root, env },
    ).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
    expect(result.code).toBe(1); // one unreadable row
    expect(result.stdout).toContain('bot tokens: 6 re-encrypted with key "k3"');
    expect(result.stdout).toContain(`1 unreadable (ids ${tamperedBotId})`);
    expect(result.stdout).toContain('TOTP secrets: 1 re-encrypted');
    for (const token of tokens.values()) {
      expect(result.stdout).not.toContain(token);
    }
  });
});
