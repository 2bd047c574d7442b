import request from 'supertest';
import { ApiUser, Role } from '../../../src/users/entities/api-user.entity';
import { ApiHarness } from '../../support/api-harness';
import { createUserWithPassword, loginCookie, TEST_PASSWORD } from '../../support/auth-kit';
import { UserFactory } from '../../support/factories/user.factory';

// Starting apps (argon2, migrations) can exceed Jest's 5 s default hook timeout on a busy machine.
jest.setTimeout(60_000);

describe('user administration', () => {
  let api: ApiHarness;
  let adminKey: string;
  beforeAll(async () => {
    api = await ApiHarness.start('auth_users');
    adminKey = (await UserFactory.withApiKey(api.dataSource, Role.Admin)).rawKey;
  });
  afterAll(async () => {
    await api.stop();
  });

  const admin = () => ({ 'X-API-Key': adminKey });

  it('creates, reads, lists, updates and soft-deletes users; never returns secrets', async () => {
    const created = await request(api.url)
      .post('/users')
      .set(admin())
      .send({ username: 'Ayse.K', password: 'a long enough passphrase', role: 'operator' })
      .expect(201);
    expect(created.body).toMatchObject({ username: 'Ayse.K', role: 'operator', is_active: true });
    expect(JSON.stringify(created.body)).not.toMatch(/passphrase|argon2|hash/);
    const id = Number(created.body.id);

    await request(api.url)
      .post('/users')
      .set(admin())
      .send({ username: 'ayse.k', password: 'a long enough passphrase' })
      .expect(409);
    const short = await request(api.url)
      .post('/users')
      .set(admin())
      .send({ username: 'shorty', password: 'elevenchars' })
      .expect(400);
    expect(short.body.fields[0].field).toBe('password');

    await request(api.url).get(`/users/${id}`).set(admin()).expect(200);
    const list = await request(api.url).get('/users').set(admin()).expect(200);
    expect((list.body as { id: number }[]).map((u) => u.id)).toContain(id);

    const cookie = await loginCookie(api, 'ayse.k', 'a long enough passphrase');
    const patched = await request(api.url)
      .patch(`/users/${id}`)
      .set(admin())
      .send({ role: 'viewer', password: 'another long passphrase' })
      .expect(200);
    expect(patched.body.role).toBe('viewer');
    await request(api.url).get('/auth/me').set('Cookie', cookie).expect(401);
    await loginCookie(api, 'Ayse.K', 'another long passphrase');

    const cookie2 = await loginCookie(api, 'Ayse.K', 'another long passphrase');
    await request(api.url).delete(`/users/${id}`).set(admin()).expect(204);
    await request(api.url).get('/auth/me').set('Cookie', cookie2).expect(401);
    await request(api.url).get(`/users/${id}`).set(admin()).expect(404);
    const row = await api.dataSource.getRepository(ApiUser).findOneByOrFail({ id });
    expect(row.deletedAt).not.toBeNull();
    await request(api.url)
      .post('/auth/login')
      .send({ username: 'Ayse.K', password: 'another long passphrase' })
      .expect(401);
  });

  it('disabling a user ends their sessions and API keys; enabling lets them back', async () => {
    const user = await createUserWithPassword(api, Role.Operator);
    const cookie = await loginCookie(api, user.username);
    await request(api.url)
      .patch(`/users/${user.id}`)
      .set(admin())
      .send({ is_active: false })
      .expect(200);
    await request(api.url).get('/auth/me').set('Cookie', cookie).expect(401);
    await request(api.url)
      .post('/auth/login')
      .send({ username: user.username, password: TEST_PASSWORD })
      .expect(401);
    await request(api.url)
      .patch(`/users/${user.id}`)
      .set(admin())
      .send({ is_active: true })
      .expect(200);
    await loginCookie(api, user.username);
  });

  it('never deletes, disables or demotes the last active admin, even under concurrency', async () => {
    // Make the admins of this database exactly two: the key's owner and a second one.
    const owner = await api.dataSource.getRepository(ApiUser).findOneByOrFail({ role: Role.Admin });
    await api.dataSource.query(
      `UPDATE api_users SET role = 'operator' WHERE role = 'admin' AND id <> $1`,
      [owner.id],
    );
    const second = await createUserWithPassword(api, Role.Admin);
    const secondCookie = await loginCookie(api, second.username);

    // Both admins try to demote each other at the same time: exactly one may succeed.
    const [a, b] = await Promise.all([
      request(api.url).patch(`/users/${second.id}`).set(admin()).send({ role: 'operator' }),
      request(api.url)
        .patch(`/users/${owner.id}`)
        .set('Cookie', secondCookie)
        .set('Origin', api.url)
        .send({ is_active: false }),
    ]);
    // Exactly one wins. The other is refused by the last-admin rule (409) when both got past
    // authentication before either committed, else by authentication itself: its admin was
    // already demoted (403) or disabled (401) by the winner.
    const statuses = [a.status, b.status].sort();
    expect(statuses[0]).toBe(200);
    expect([401, 403, 409]).toContain(statuses[1]);
    const admins = await api.dataSource
      .getRepository(ApiUser)
      .countBy({ role: Role.Admin, isActive: true });
    expect(admins).toBe(1);

    const last = await api.dataSource
      .getRepository(ApiUser)
      .findOneByOrFail({ role: Role.Admin, isActive: true });
    const lastKey = last.id === owner.id ? adminKey : null;
    const headers = lastKey
      ? { 'X-API-Key': lastKey }
      : { Cookie: await loginCookie(api, second.username), Origin: api.url };
    const demote = await request(api.url)
      .patch(`/users/${last.id}`)
      .set(headers)
      .send({ role: 'viewer' })
      .expect(409);
    expect(demote.body.message).toMatch(/last active admin/);
    await request(api.url)
      .patch(`/users/${last.id}`)
      .set(headers)
      .send({ is_active: false })
      .expect(409);
    await request(api.url).delete(`/users/${last.id}`).set(headers).expect(409);
  });

  it('answers bad input with 400 naming the field', async () => {
    const cases: [string, string, unknown, string][] = [
      ['post', '/users', { username: 'x', password: 'long enough password' }, 'username'],
      ['post', '/users', { username: 'valid_name', password: 12 }, 'password'],
      [
        'post',
        '/users',
        { username: 'valid_name', password: 'long enough password', admin: 1 },
        'admin',
      ],
      ['patch', '/users/1', { role: 'superuser' }, 'role'],
      ['patch', '/users/1', { is_active: 'yes' }, 'is_active'],
      ['patch', '/users/abc', {}, 'id'],
    ];
    for (const [method, path, body, field] of cases) {
      const req = method === 'post' ? request(api.url).post(path) : request(api.url).patch(path);
      const res = await req.set(admin()).send(body as object);
      expect(res.status).toBe(400);
      expect((res.body.fields as { field: string }[]).map((f) => f.field)).toContain(field);
    }
    const huge = await request(api.url)
      .post('/users')
      .set(admin())
      .send({ username: 'u'.repeat(100_000), password: 'p'.repeat(100_000) })
      .expect(400);
    expect((huge.body.fields as { field: string }[]).map((f) => f.field)).toEqual(
      expect.arrayContaining(['username', 'password']),
    );
    await request(api.url)
      .post('/users')
      .set(admin())
      .set('Content-Type', 'application/json')
      .send('{"username": ')
      .expect(400);
  });
});
