import request from 'supertest';
import { Role } from '../../../src/users/entities/api-user.entity';
import { ApiHarness } from '../../support/api-harness';
import { createUserWithPassword, loginCookie, sessionCookieOf } from '../../support/auth-kit';
import { UserFactory } from '../../support/factories/user.factory';

// Starting apps (argon2, migrations) can exceed Jest's 5 s default hook timeout on a busy machine.
jest.setTimeout(60_000);

const DASHBOARD = 'https://dash.example.com';

describe('CSRF defence, CORS and cookie flags', () => {
  let api: ApiHarness;
  let cookie: string;
  beforeAll(async () => {
    api = await ApiHarness.start('auth_csrf', { CORS_ORIGINS: DASHBOARD, BODY_LIMIT: '16kb' });
    const user = await createUserWithPassword(api, Role.Admin);
    cookie = await loginCookie(api, user.username);
  });
  afterAll(async () => {
    await api.stop();
  });

  const createKey = () => request(api.url).post('/auth/api-keys').set('Cookie', cookie);

  it('refuses cookie-authenticated state changes from a foreign origin or without any origin', async () => {
    await createKey().set('Origin', 'https://evil.example').send({ name: 'x' }).expect(403);
    await createKey().set('Origin', 'null').send({ name: 'x' }).expect(403);
    await createKey().set('Sec-Fetch-Site', 'cross-site').send({ name: 'x' }).expect(403);
    const bare = await createKey().send({ name: 'x' }).expect(403);
    expect(bare.body.message).toMatch(/Cross-site request refused/);
  });

  it('accepts them from the API origin, an allowed origin, or same-origin fetch metadata', async () => {
    await createKey().set('Origin', api.url).send({ name: 'own' }).expect(201);
    await createKey().set('Origin', DASHBOARD).send({ name: 'dashboard' }).expect(201);
    await createKey().set('Sec-Fetch-Site', 'same-origin').send({ name: 'same' }).expect(201);
    // Reads need no origin.
    await request(api.url).get('/auth/me').set('Cookie', cookie).expect(200);
  });

  it('exempts API-key requests (not cookie based)', async () => {
    const { rawKey } = await UserFactory.withApiKey(api.dataSource, Role.Viewer);
    await request(api.url)
      .post('/auth/api-keys')
      .set('X-API-Key', rawKey)
      .set('Origin', 'https://evil.example')
      .send({ name: 'script' })
      .expect(201);
  });

  it('refuses a cross-site login form (login CSRF) but allows non-browser logins', async () => {
    const user = await createUserWithPassword(api, Role.Viewer);
    const body = { username: user.username, password: 'correct horse battery staple' };
    const evil = await request(api.url)
      .post('/auth/login')
      .set('Origin', 'https://evil.example')
      .send(body)
      .expect(403);
    expect(sessionCookieOf(evil)).toBeNull();
    await request(api.url).post('/auth/login').set('Origin', DASHBOARD).send(body).expect(200);
    await request(api.url).post('/auth/login').send(body).expect(200);
  });

  it('answers CORS preflights only for allowed origins, with credentials', async () => {
    const ok = await request(api.url)
      .options('/auth/login')
      .set('Origin', DASHBOARD)
      .set('Access-Control-Request-Method', 'POST');
    expect(ok.headers['access-control-allow-origin']).toBe(DASHBOARD);
    expect(ok.headers['access-control-allow-credentials']).toBe('true');
    const evil = await request(api.url)
      .options('/auth/login')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends security headers and limits the JSON body size', async () => {
    const res = await request(api.url).get('/auth/me').set('Cookie', cookie).expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
    await request(api.url)
      .post('/auth/login')
      .send({ username: 'x', password: 'y'.repeat(20_000) })
      .expect(413);
  });

  it('answers a body it cannot read with a 4xx in the one error shape', async () => {
    const post = (type: string, body: string) =>
      request(api.url).post('/auth/login').set('Content-Type', type).send(body);
    for (const body of ['{"username": "x",', '"just a string"', '42']) {
      const res = await post('application/json', body).expect(400);
      expect(res.body).toMatchObject({
        status: 400,
        error: 'validation_failed',
        fields: [{ field: 'body', reason: expect.stringMatching(/^malformed JSON/) }],
      });
    }
    const poisoned = await post('application/json', '{"__proto__": {"role": "admin"}}');
    expect(poisoned.status).toBe(400);
    const text = await post('text/plain', 'username=x').expect(415);
    expect(text.body).toMatchObject({ status: 415, error: 'unsupported_media_type' });
    // A Content-Type with no body (what some clients send on a bodiless POST) is an empty object:
    // the login then fails on its fields, not on the body.
    const empty = await post('application/json', '').expect(400);
    const { fields } = empty.body as { fields: { field: string }[] };
    expect(fields.map((f) => f.field)).toContain('username');
  });
});

describe('Secure cookie in production', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await ApiHarness.start('auth_secure', {
      NODE_ENV: 'production',
      ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
    });
  });
  afterAll(async () => {
    await api.stop();
  });

  it('marks the session cookie Secure', async () => {
    const user = await createUserWithPassword(api, Role.Viewer);
    const res = await request(api.url)
      .post('/auth/login')
      .send({ username: user.username, password: 'correct horse battery staple' })
      .expect(200);
    const set = (res.headers['set-cookie'] as unknown as string[]).join(';');
    expect(set).toMatch(/;\s*Secure/i);
    expect(set).toMatch(/HttpOnly/i);
  });
});
