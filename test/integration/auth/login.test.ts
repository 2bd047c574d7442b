import request from 'supertest';
import { SESSION_COOKIE } from '../../../src/auth/session-cookie';
import { ClockService } from '../../../src/common/clock/clock.service';
import { AuditLog } from '../../../src/audit/entities/audit-log.entity';
import { ApiSession } from '../../../src/auth/entities/api-session.entity';
import { Role } from '../../../src/users/entities/api-user.entity';
import { ApiHarness } from '../../support/api-harness';
import {
  createUserWithPassword,
  loginCookie,
  sessionCookieOf,
  TEST_PASSWORD,
} from '../../support/auth-kit';

// Starting apps (argon2, migrations) can exceed Jest's 5 s default hook timeout on a busy machine.
jest.setTimeout(60_000);

describe('password login and sessions', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await ApiHarness.start('auth_login', {
      SESSION_IDLE_MINUTES: '30',
      SESSION_ABSOLUTE_HOURS: '8',
    });
  });
  afterAll(async () => {
    await api.stop();
  });

  it('logs in: HttpOnly SameSite=Lax cookie, expiry header and body, role; /auth/me works', async () => {
    const user = await createUserWithPassword(api, Role.Operator);
    const res = await request(api.url)
      .post('/auth/login')
      .send({ username: user.username.toUpperCase(), password: TEST_PASSWORD })
      .expect(200);
    expect(res.body).toMatchObject({ user_id: user.id, role: 'operator', auth_method: 'session' });
    const expiresAt = Date.parse(String(res.body.session_expires_at));
    expect(expiresAt).toBeGreaterThan(Date.now() + 29 * 60_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 30 * 60_000 + 1000);
    expect(res.headers['x-session-expires']).toBe(res.body.session_expires_at);
    const setCookie = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith(`${SESSION_COOKIE}=`),
    ) as string;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/;\s*Secure/i);
    expect(setCookie).toMatch(/Path=\//);

    const cookie = sessionCookieOf(res) as string;
    const me = await request(api.url).get('/auth/me').set('Cookie', cookie).expect(200);
    expect(me.body).toMatchObject({ user_id: user.id, username: user.username, role: 'operator' });
    expect(me.headers['x-session-expires']).toBeDefined();

    // Only the SHA-256 of the secret is stored.
    const secret = cookie.split('=')[1];
    const rows = await api.dataSource.getRepository(ApiSession).findBy({ userId: user.id });
    expect(rows).toHaveLength(1);
    expect(rows[0].secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].secretHash).not.toContain(secret);
    expect(Buffer.from(secret, 'base64url').length).toBeGreaterThanOrEqual(16);
  });

  it('answers unknown user and wrong password identically (status and body)', async () => {
    const user = await createUserWithPassword(api, Role.Viewer);
    const wrong = await request(api.url)
      .post('/auth/login')
      .send({ username: user.username, password: 'not the password at all' });
    const unknown = await request(api.url)
      .post('/auth/login')
      .send({ username: 'nobody_here_at_all', password: 'not the password at all' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const strip = (b: unknown) => ({ ...(b as Record<string, unknown>), request_id: undefined });
    expect(strip(unknown.body)).toEqual(strip(wrong.body));
    expect(sessionCookieOf(wrong)).toBeNull();
  });

  it('refuses a disabled user with the generic answer, and their cookie stops working', async () => {
    const user = await createUserWithPassword(api, Role.Viewer);
    const cookie = await loginCookie(api, user.username);
    await api.dataSource.query('UPDATE api_users SET is_active = false WHERE id = $1', [user.id]);
    await request(api.url).get('/auth/me').set('Cookie', cookie).expect(401);
    const res = await request(api.url)
      .post('/auth/login')
      .send({ username: user.username, password: TEST_PASSWORD })
      .expect(401);
    expect(res.body.message).toBe('Invalid username or password');
  });

  it('rotates the session at login (fixation): a planted cookie is replaced and revoked', async () => {
    const user = await createUserWithPassword(api, Role.Viewer);
    const first = await loginCookie(api, user.username);
    const res = await request(api.url)
      .post('/auth/login')
      .set('Cookie', first)
      .send({ username: user.username, password: TEST_PASSWORD })
      .expect(200);
    const second = sessionCookieOf(res) as string;
    expect(second).not.toBe(first);
    await request(api.url).get('/auth/me').set('Cookie', first).expect(401);
    await request(api.url).get('/auth/me').set('Cookie', second).expect(200);

    // An attacker-chosen value is never adopted as a session.
    const planted = `${SESSION_COOKIE}=${'A'.repeat(43)}`;
    const res2 = await request(api.url)
      .post('/auth/login')
      .set('Cookie', planted)
      .send({ username: user.username, password: TEST_PASSWORD })
      .expect(200);
    expect(sessionCookieOf(res2)).not.toBe(planted);
    await request(api.url).get('/auth/me').set('Cookie', planted).expect(401);
  });

  it('expires sessions after the idle timeout and at the absolute limit', async () => {
    const clock = api.app.get(ClockService);
    const user = await createUserWithPassword(api, Role.Viewer);
    const idle = await loginCookie(api, user.username);
    clock.advance(31 * 60_000);
    await request(api.url).get('/auth/me').set('Cookie', idle).expect(401);

    const active = await loginCookie(api, user.username);
    // Used every 20 minutes it stays alive past the idle timeout, but not past 8 hours.
    for (let elapsed = 0; elapsed < 7 * 60; elapsed += 20) {
      clock.advance(20 * 60_000);
      await request(api.url).get('/auth/me').set('Cookie', active).expect(200);
    }
    clock.advance(25 * 60_000); // 7h25
    await request(api.url).get('/auth/me').set('Cookie', active).expect(200);
    clock.advance(25 * 60_000); // 7h50
    await request(api.url).get('/auth/me').set('Cookie', active).expect(200);
    clock.advance(15 * 60_000); // 8h05: used 15 minutes ago, but past the absolute limit
    await request(api.url).get('/auth/me').set('Cookie', active).expect(401);
  });

  it('logout revokes the session: replaying the cookie answers 401', async () => {
    const user = await createUserWithPassword(api, Role.Viewer);
    const cookie = await loginCookie(api, user.username);
    const res = await request(api.url)
      .post('/auth/logout')
      .set('Cookie', cookie)
      .set('Origin', api.url)
      .expect(204);
    expect(sessionCookieOf(res)).toBeNull();
    await request(api.url).get('/auth/me').set('Cookie', cookie).expect(401);
    await request(api.url)
      .post('/auth/logout')
      .set('Cookie', cookie)
      .set('Origin', api.url)
      .expect(401);
    const actions = await api.dataSource.getRepository(AuditLog).findBy({ actorUserId: user.id });
    expect(actions.map((a) => a.action).sort()).toEqual(['auth.login', 'auth.logout']);
  });

  it('changing the password ends every session of the user', async () => {
    const user = await createUserWithPassword(api, Role.Viewer);
    const a = await loginCookie(api, user.username);
    const b = await loginCookie(api, user.username);
    await request(api.url)
      .post('/auth/password')
      .set('Cookie', a)
      .set('Origin', api.url)
      .send({ current_password: TEST_PASSWORD, new_password: 'short' })
      .expect(400);
    await request(api.url)
      .post('/auth/password')
      .set('Cookie', a)
      .set('Origin', api.url)
      .send({ current_password: 'wrong wrong wrong', new_password: 'a brand new passphrase' })
      .expect(400);
    await request(api.url)
      .post('/auth/password')
      .set('Cookie', a)
      .set('Origin', api.url)
      .send({ current_password: TEST_PASSWORD, new_password: 'a brand new passphrase' })
      .expect(204);
    await request(api.url).get('/auth/me').set('Cookie', a).expect(401);
    await request(api.url).get('/auth/me').set('Cookie', b).expect(401);
    await loginCookie(api, user.username, 'a brand new passphrase');
  });

  it('answers bad login input with 400 naming the field, never 500', async () => {
    const cases: [unknown, string][] = [
      [{ password: 'x' }, 'username'],
      [{ username: 'a' }, 'password'],
      [{ username: ['a'], password: 'x' }, 'username'],
      [{ username: 'a', password: { $ne: null } }, 'password'],
      [{ username: 'a'.repeat(50_000), password: 'x' }, 'username'],
      [{ username: 'a', password: 'x', totp: '12ab56' }, 'totp'],
      [{ username: 'a', password: 'x', remember_me: true }, 'remember_me'],
    ];
    for (const [body, field] of cases) {
      const res = await request(api.url)
        .post('/auth/login')
        .send(body as object);
      expect(res.status).toBe(400);
      expect((res.body.fields as { field: string }[]).map((f) => f.field)).toContain(field);
    }
    await request(api.url)
      .post('/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username":')
      .expect(400);
    await request(api.url).post('/auth/login').send([1, 2, 3]).expect(400);
  });
});
