import request from 'supertest';
import { ClockService } from '../../../src/common/clock/clock.service';
import { Role } from '../../../src/users/entities/api-user.entity';
import { ApiHarness } from '../../support/api-harness';
import { createUserWithPassword, TEST_PASSWORD } from '../../support/auth-kit';
import { TestDatabase } from '../../support/test-database';
import { uniqueSuffix } from '../../support/test-env';

// Starting apps (argon2, migrations) can exceed Jest's 5 s default hook timeout on a busy machine.
jest.setTimeout(60_000);

/**
 * Two API processes (apps) on one database and one Redis prefix: the limits are shared. Both
 * trust the loopback proxy, so X-Forwarded-For names the client and each test uses its own IPs.
 */
describe('login throttling and lockout across two API replicas', () => {
  let db: TestDatabase;
  let a: ApiHarness;
  let b: ApiHarness;
  const env = {
    REDIS_PREFIX: `t_${uniqueSuffix()}`,
    TRUST_PROXY: 'loopback',
    LOGIN_MAX_FAILURES_PER_ACCOUNT: '4',
    LOGIN_MAX_FAILURES_PER_IP: '10',
    LOGIN_FAILURE_WINDOW_SECONDS: '600',
    LOGIN_LOCKOUT_SECONDS: '300',
    LOGIN_RATE_PER_MINUTE: '12',
  };
  beforeAll(async () => {
    db = await TestDatabase.create('auth_throttle');
    a = await ApiHarness.start('auth_throttle', env, { database: db });
    b = await ApiHarness.start('auth_throttle', env, { database: db });
  });
  afterAll(async () => {
    await a.stop();
    await b.stop();
    await db.drop();
  });

  function login(api: ApiHarness, ip: string, username: string, password: string) {
    return request(api.url)
      .post('/auth/login')
      .set('X-Forwarded-For', ip)
      .send({ username, password });
  }

  /** Both replicas run in this process; the lockout clock must move for both. */
  function advance(ms: number): void {
    a.app.get(ClockService).advance(ms);
    b.app.get(ClockService).advance(ms);
  }

  it('locks an account after repeated failures on either replica, then lets the real user back in', async () => {
    const user = await createUserWithPassword(a, Role.Viewer);
    for (const [i, api] of [a, b, a, b].entries()) {
      await login(api, `198.51.100.${i + 1}`, user.username, 'wrong password guess').expect(401);
    }
    // Locked now, even with the right password and from another IP, on both replicas.
    const locked = await login(b, '198.51.100.50', user.username, TEST_PASSWORD).expect(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.body.error).toBe('rate_limited');
    await login(a, '198.51.100.51', user.username, TEST_PASSWORD).expect(429);

    advance(301_000);
    await login(a, '198.51.100.52', user.username, TEST_PASSWORD).expect(200);
  });

  it('locks unknown usernames the same way (the lockout reveals nothing)', async () => {
    for (let i = 0; i < 4; i++) {
      await login(a, `198.51.100.${100 + i}`, 'ghost_user', 'whatever password').expect(401);
    }
    await login(b, '198.51.100.110', 'ghost_user', 'whatever password').expect(429);
  });

  it('locks a source IP that sprays many accounts, and only that IP', async () => {
    const victim = await createUserWithPassword(a, Role.Viewer);
    for (let i = 0; i < 10; i++) {
      await login(i % 2 ? a : b, '203.0.113.7', `spray_${i}`, 'guess guess guess').expect(401);
    }
    await login(a, '203.0.113.7', victim.username, TEST_PASSWORD).expect(429);
    await login(b, '203.0.113.8', victim.username, TEST_PASSWORD).expect(200);
    advance(301_000);
    await login(a, '203.0.113.7', victim.username, TEST_PASSWORD).expect(200);
  });

  it('rate-limits login requests per client IP per minute across replicas', async () => {
    const user = await createUserWithPassword(a, Role.Viewer);
    advance(60_000 - (a.app.get(ClockService).nowMs() % 60_000) + 1000);
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) {
      statuses.push(
        (await login(i % 2 ? a : b, '192.0.2.44', user.username, TEST_PASSWORD)).status,
      );
    }
    expect(statuses.slice(0, 12).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(12)).toEqual([429, 429]);
    advance(60_000);
    await login(a, '192.0.2.44', user.username, TEST_PASSWORD).expect(200);
  });
});

describe('client IP without a trusted proxy', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await ApiHarness.start('auth_noproxy', {
      TRUST_PROXY: 'false',
      LOGIN_MAX_FAILURES_PER_IP: '3',
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '100',
    });
  });
  afterAll(async () => {
    await api.stop();
  });

  it('ignores X-Forwarded-For: a client cannot dodge the IP lockout by forging it', async () => {
    for (let i = 0; i < 3; i++) {
      await request(api.url)
        .post('/auth/login')
        .set('X-Forwarded-For', `10.9.9.${i}`)
        .send({ username: `n_${i}`, password: 'guess guess guess' })
        .expect(401);
    }
    await request(api.url)
      .post('/auth/login')
      .set('X-Forwarded-For', '10.9.9.200')
      .send({ username: 'n_x', password: 'guess guess guess' })
      .expect(429);
  });
});
