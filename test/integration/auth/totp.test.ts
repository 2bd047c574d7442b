import request from 'supertest';
import { totpCodeAt } from '../../../src/auth/totp.util';
import { ClockService } from '../../../src/common/clock/clock.service';
import { ApiUser, Role } from '../../../src/users/entities/api-user.entity';
import { ApiHarness } from '../../support/api-harness';
import {
  createUserWithPassword,
  encryptionKeys,
  loginCookie,
  sessionCookieOf,
  TEST_PASSWORD,
} from '../../support/auth-kit';

// Starting apps (argon2, migrations) can exceed Jest's 5 s default hook timeout on a busy machine.
jest.setTimeout(60_000);

describe('TOTP second factor', () => {
  let api: ApiHarness;
  let clock: ClockService;
  beforeAll(async () => {
    api = await ApiHarness.start('auth_totp', {
      ENCRYPTION_KEYS: encryptionKeys('k1'),
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '50',
      LOGIN_MAX_FAILURES_PER_IP: '500',
      LOGIN_RATE_PER_MINUTE: '1000',
    });
    clock = api.app.get(ClockService);
  });
  afterAll(async () => {
    await api.stop();
  });

  /** Moves the clock to the start of a fresh 30 s step so codes are not at a step edge. */
  function freshStep(): number {
    const now = clock.nowMs();
    clock.advance(30_000 - (now % 30_000) + 30_000);
    return clock.nowMs();
  }

  async function enrolledUser(): Promise<{ user: ApiUser; secret: string }> {
    const user = await createUserWithPassword(api, Role.Operator);
    const cookie = await loginCookie(api, user.username);
    const enrol = await request(api.url)
      .post('/auth/mfa/enroll')
      .set('Cookie', cookie)
      .set('Origin', api.url)
      .expect(201);
    const secret = String(enrol.body.secret);
    expect(enrol.body.otpauth_uri).toContain(`secret=${secret}`);
    expect(enrol.body.otpauth_uri).toMatch(/^otpauth:\/\/totp\/piyasa:/);
    // Not yet required: enrolment is pending until confirmed.
    await loginCookie(api, user.username);
    await request(api.url)
      .post('/auth/mfa/confirm')
      .set('Cookie', cookie)
      .set('Origin', api.url)
      .send({ code: '000000' === totpCodeAt(secret, clock.nowMs()) ? '111111' : '000000' })
      .expect(400);
    await request(api.url)
      .post('/auth/mfa/confirm')
      .set('Cookie', cookie)
      .set('Origin', api.url)
      .send({ code: totpCodeAt(secret, freshStep()) })
      .expect(204);
    const stored = await api.dataSource.getRepository(ApiUser).findOneByOrFail({ id: user.id });
    expect(stored.mfaEnabled).toBe(true);
    expect(stored.mfaSecretCiphertext).toMatch(/^v1:k1:/);
    expect(stored.mfaSecretCiphertext).not.toContain(secret);
    return { user: stored, secret };
  }

  it('requires a code once enabled; accepts a valid one, refuses a wrong one', async () => {
    const { user, secret } = await enrolledUser();
    const missing = await request(api.url)
      .post('/auth/login')
      .send({ username: user.username, password: TEST_PASSWORD })
      .expect(401);
    expect(missing.body.fields).toEqual([{ field: 'totp', reason: 'required for this account' }]);
    expect(sessionCookieOf(missing)).toBeNull();

    const t = freshStep();
    const good = totpCodeAt(secret, t);
    const wrong = good === '123456' ? '654321' : '123456';
    await request(api.url)
      .post('/auth/login')
      .send({ username: user.username, password: TEST_PASSWORD, totp: wrong })
      .expect(401);
    await loginCookie(api, user.username, TEST_PASSWORD, good);
    // A code from the previous step is still accepted (±1), two steps back is not.
    const t2 = freshStep();
    await loginCookie(api, user.username, TEST_PASSWORD, totpCodeAt(secret, t2 - 30_000));
    clock.advance(30_000);
    const stale = totpCodeAt(secret, clock.nowMs() - 60_000);
    const window = [-1, 0, 1].map((d) => totpCodeAt(secret, clock.nowMs() + d * 30_000));
    if (!window.includes(stale)) {
      await request(api.url)
        .post('/auth/login')
        .send({ username: user.username, password: TEST_PASSWORD, totp: stale })
        .expect(401);
    }
  });

  it('accepts each code once (sequential replay)', async () => {
    const { user, secret } = await enrolledUser();
    const code = totpCodeAt(secret, freshStep());
    await loginCookie(api, user.username, TEST_PASSWORD, code);
    const replay = await request(api.url)
      .post('/auth/login')
      .send({ username: user.username, password: TEST_PASSWORD, totp: code })
      .expect(401);
    expect(replay.body.message).toMatch(/already used/);
    // An older code (earlier step, still inside the window) is refused too.
    clock.advance(30_000);
    const previous = totpCodeAt(secret, clock.nowMs() - 60_000);
    expect(
      (
        await request(api.url)
          .post('/auth/login')
          .send({ username: user.username, password: TEST_PASSWORD, totp: previous })
      ).status,
    ).toBe(401);
  });

  it('of two parallel logins with the same code, exactly one succeeds', async () => {
    const { user, secret } = await enrolledUser();
    const code = totpCodeAt(secret, freshStep());
    const results = await Promise.all(
      [1, 2, 3, 4].map(() =>
        request(api.url)
          .post('/auth/login')
          .send({ username: user.username, password: TEST_PASSWORD, totp: code }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401, 401]);
  });

  it('disables with a current code; an admin can reset a lost device', async () => {
    const { user, secret } = await enrolledUser();
    const cookie = await loginCookie(
      api,
      user.username,
      TEST_PASSWORD,
      totpCodeAt(secret, freshStep()),
    );
    await request(api.url)
      .post('/auth/mfa/disable')
      .set('Cookie', cookie)
      .set('Origin', api.url)
      .send({ code: 'abc' })
      .expect(400);
    await request(api.url)
      .post('/auth/mfa/disable')
      .set('Cookie', cookie)
      .set('Origin', api.url)
      .send({ code: totpCodeAt(secret, freshStep()) })
      .expect(204);
    await loginCookie(api, user.username);

    const again = await enrolledUser();
    const admin = await createUserWithPassword(api, Role.Admin);
    const adminCookie = await loginCookie(api, admin.username);
    const reset = await request(api.url)
      .post(`/users/${again.user.id}/reset-mfa`)
      .set('Cookie', adminCookie)
      .set('Origin', api.url)
      .expect(200);
    expect(reset.body.mfa_enabled).toBe(false);
    await loginCookie(api, again.user.username);
  });

  it('a tampered TOTP secret fails closed (401, no 500) and is reported without the secret', async () => {
    const { user, secret } = await enrolledUser();
    const stored = user.mfaSecretCiphertext as string;
    const parts = stored.split(':');
    const data = Buffer.from(parts[4], 'base64');
    data[0] ^= 0xff;
    parts[4] = data.toString('base64');
    await api.dataSource.query('UPDATE api_users SET mfa_secret_ciphertext = $1 WHERE id = $2', [
      parts.join(':'),
      user.id,
    ]);
    const res = await request(api.url)
      .post('/auth/login')
      .send({
        username: user.username,
        password: TEST_PASSWORD,
        totp: totpCodeAt(secret, freshStep()),
      });
    expect(res.status).toBe(401);
    expect(JSON.stringify(res.body)).not.toContain(secret);

    // Another user's ciphertext copied into this row does not decrypt either (bound to the row).
    const other = await enrolledUser();
    await api.dataSource.query('UPDATE api_users SET mfa_secret_ciphertext = $1 WHERE id = $2', [
      other.user.mfaSecretCiphertext,
      user.id,
    ]);
    const moved = await request(api.url)
      .post('/auth/login')
      .send({
        username: user.username,
        password: TEST_PASSWORD,
        totp: totpCodeAt(other.secret, freshStep()),
      });
    expect(moved.status).toBe(401);
  });
});
