import { Writable } from 'node:stream';
import Redis from 'ioredis';
import request, { Response } from 'supertest';
import { AuditLog } from '../../../src/audit/entities/audit-log.entity';
import { totpCodeAt } from '../../../src/auth/totp.util';
import { ClockService } from '../../../src/common/clock/clock.service';
import { Role } from '../../../src/users/entities/api-user.entity';
import { ApiHarness } from '../../support/api-harness';
import { createUserWithPassword, encryptionKeys, sessionCookieOf } from '../../support/auth-kit';
import { TEST_REDIS_URL } from '../../support/test-env';

// Starting apps (argon2, migrations) can exceed Jest's 5 s default hook timeout on a busy machine.
jest.setTimeout(120_000);

/** Everything the app logs, as text. */
class LogCapture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

describe('no password, key, session secret or TOTP secret leaks', () => {
  let api: ApiHarness;
  const logs = new LogCapture();
  /** Responses that may not contain any secret (the show-once answers are kept apart). */
  const responses: Response[] = [];
  const secrets: string[] = [];

  beforeAll(async () => {
    api = await ApiHarness.start(
      'auth_leaks',
      { ENCRYPTION_KEYS: encryptionKeys('k1'), LOG_LEVEL: 'trace' },
      { logDestination: logs },
    );
  });
  afterAll(async () => {
    await api.stop();
  });

  function keep(res: Response): Response {
    responses.push(res);
    return res;
  }

  it('runs the auth flows (good and bad input) and finds no secret anywhere', async () => {
    const password = 'leak test passphrase 42';
    const admin = await createUserWithPassword(api, Role.Admin, { password });
    secrets.push(password);

    // Wrong passwords, a password typed into the username field, malformed bodies.
    keep(
      await request(api.url)
        .post('/auth/login')
        .send({ username: admin.username, password: 'Sup3rSecretTypo!' }),
    );
    keep(
      await request(api.url).post('/auth/login').send({ username: 'Sup3rSecretTypo!x', password }),
    );
    keep(
      await request(api.url)
        .post('/auth/login')
        .send({ username: admin.username, password: 12345 }),
    );
    keep(
      await request(api.url)
        .post('/auth/login')
        .send({ username: admin.username, password, extra: password }),
    );
    secrets.push('Sup3rSecretTypo!');

    const login = await request(api.url)
      .post('/auth/login')
      .send({ username: admin.username, password })
      .expect(200);
    const cookie = sessionCookieOf(login) as string;
    secrets.push(cookie.split('=')[1]);
    keep(login); // the login body carries no secret (the cookie header is checked separately)
    const withCookie = (r: request.Test) => r.set('Cookie', cookie).set('Origin', api.url);

    const created = await withCookie(request(api.url).post('/auth/api-keys'))
      .send({ name: 'leak key' })
      .expect(201);
    const rawKey = String(created.body.key);
    secrets.push(rawKey);
    keep(await request(api.url).get('/auth/api-keys').set('X-API-Key', rawKey));
    keep(await request(api.url).get(`/auth/me?api_key=${rawKey}`));
    keep(await request(api.url).get('/auth/me').set('X-API-Key', `${rawKey}x`));

    const enrol = await withCookie(request(api.url).post('/auth/mfa/enroll')).expect(201);
    const totpSecret = String(enrol.body.secret);
    secrets.push(totpSecret);
    const clock = api.app.get(ClockService);
    keep(
      await withCookie(request(api.url).post('/auth/mfa/confirm')).send({
        code: totpCodeAt(totpSecret, clock.nowMs()),
      }),
    );
    keep(await withCookie(request(api.url).get('/auth/me')));

    const newPassword = 'a fresh passphrase 43';
    secrets.push(newPassword);
    keep(
      await request(api.url)
        .post('/users')
        .set('X-API-Key', rawKey)
        .send({ username: 'leaky', password: newPassword }),
    );
    keep(
      await request(api.url)
        .post('/users')
        .set('X-API-Key', rawKey)
        .send({ username: 'leaky', password: newPassword }),
    );
    keep(
      await request(api.url)
        .patch('/users/999999')
        .set('X-API-Key', rawKey)
        .send({ password: newPassword }),
    );
    keep(
      await withCookie(request(api.url).post('/auth/password')).send({
        current_password: 'nope nope nope',
        new_password: newPassword,
      }),
    );
    keep(await request(api.url).get('/users').set('X-API-Key', rawKey));
    keep(await request(api.url).get('/audit?limit=200').set('X-API-Key', rawKey));
    keep(await withCookie(request(api.url).post('/auth/logout')));

    expect(secrets.every((s) => s.length >= 12)).toBe(true);
    const audit = JSON.stringify(await api.dataSource.getRepository(AuditLog).find());
    const bodies = responses.map((r) => r.text).join('\n');
    const responseHeaders = responses
      .map((r) => JSON.stringify({ ...r.headers, 'set-cookie': undefined }))
      .join('\n');
    const redisDump = await dumpRedis(api.config.redis.prefix);
    expect(logs.text.length).toBeGreaterThan(1000); // trace level: request lines were captured
    for (const secret of secrets) {
      expect({ where: 'logs', found: logs.text.includes(secret) }).toEqual({
        where: 'logs',
        found: false,
      });
      expect({ where: 'responses', found: bodies.includes(secret) }).toEqual({
        where: 'responses',
        found: false,
      });
      expect({ where: 'headers', found: responseHeaders.includes(secret) }).toEqual({
        where: 'headers',
        found: false,
      });
      expect({ where: 'audit', found: audit.includes(secret) }).toEqual({
        where: 'audit',
        found: false,
      });
      expect({ where: 'redis', found: redisDump.includes(secret) }).toEqual({
        where: 'redis',
        found: false,
      });
    }
  });
});

/** Every key and value under the test's Redis prefix, as text. */
async function dumpRedis(prefix: string): Promise<string> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    const out: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        const value =
          type === 'string'
            ? await redis.get(key)
            : type === 'hash'
              ? JSON.stringify(await redis.hgetall(key))
              : type;
        out.push(`${key} ${value}`);
      }
    } while (cursor !== '0');
    return out.join('\n');
  } finally {
    redis.disconnect();
  }
}
