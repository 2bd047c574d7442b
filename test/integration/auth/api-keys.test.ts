import request from 'supertest';
import { ApiKey } from '../../../src/auth/entities/api-key.entity';
import { ClockService } from '../../../src/common/clock/clock.service';
import { Role } from '../../../src/users/entities/api-user.entity';
import { ApiHarness } from '../../support/api-harness';
import { UserFactory } from '../../support/factories/user.factory';

// Starting apps (argon2, migrations) can exceed Jest's 5 s default hook timeout on a busy machine.
jest.setTimeout(60_000);

describe('API keys', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await ApiHarness.start('auth_keys');
  });
  afterAll(async () => {
    await api.stop();
  });

  it('creates a key shown once, authenticates with it, lists it without the secret', async () => {
    const { rawKey } = await UserFactory.withApiKey(api.dataSource, Role.Operator);
    const created = await request(api.url)
      .post('/auth/api-keys')
      .set('X-API-Key', rawKey)
      .send({ name: 'ci deploy' })
      .expect(201);
    const key = String(created.body.key);
    expect(key).toMatch(/^pk_[A-Za-z0-9]{8}_[A-Za-z0-9]{32}$/);
    expect(key.startsWith(`pk_${created.body.prefix}_`)).toBe(true);

    const me = await request(api.url).get('/auth/me').set('X-API-Key', key).expect(200);
    expect(me.body).toMatchObject({ role: 'operator', auth_method: 'api_key' });

    const list = await request(api.url).get('/auth/api-keys').set('X-API-Key', key).expect(200);
    expect(list.body).toHaveLength(2);
    expect(JSON.stringify(list.body)).not.toContain(key.split('_')[2]);
    const row = await api.dataSource.getRepository(ApiKey).findOneByOrFail({ id: created.body.id });
    expect(row.lastUsedAt).not.toBeNull();
    expect(row.keyHash).not.toContain(key);
  });

  it('revokes at once; the revoked key answers 401', async () => {
    const { rawKey, key } = await UserFactory.withApiKey(api.dataSource, Role.Viewer);
    const second = await request(api.url)
      .post('/auth/api-keys')
      .set('X-API-Key', rawKey)
      .send({ name: 'second' })
      .expect(201);
    await request(api.url).get('/auth/me').set('X-API-Key', String(second.body.key)).expect(200);
    await request(api.url)
      .delete(`/auth/api-keys/${String(second.body.id)}`)
      .set('X-API-Key', rawKey)
      .expect(204);
    await request(api.url).get('/auth/me').set('X-API-Key', String(second.body.key)).expect(401);
    // The caller's own key still works; it can revoke itself too.
    await request(api.url).delete(`/auth/api-keys/${key.id}`).set('X-API-Key', rawKey).expect(204);
    await request(api.url).get('/auth/me').set('X-API-Key', rawKey).expect(401);
  });

  it('refuses expired keys, and keys in the query string', async () => {
    const { rawKey } = await UserFactory.withApiKey(api.dataSource, Role.Admin);
    const soon = new Date(api.app.get(ClockService).nowMs() + 60_000).toISOString();
    const created = await request(api.url)
      .post('/auth/api-keys')
      .set('X-API-Key', rawKey)
      .send({ name: 'short lived', expires_at: soon })
      .expect(201);
    await request(api.url).get('/auth/me').set('X-API-Key', String(created.body.key)).expect(200);
    api.app.get(ClockService).advance(61_000);
    await request(api.url).get('/auth/me').set('X-API-Key', String(created.body.key)).expect(401);

    const past = await request(api.url)
      .post('/auth/api-keys')
      .set('X-API-Key', rawKey)
      .send({ name: 'already expired', expires_at: '2001-01-01T00:00:00Z' })
      .expect(400);
    expect(past.body.fields[0].field).toBe('expires_at');

    const query = await request(api.url).get(`/auth/me?api_key=${rawKey}`).expect(400);
    expect(JSON.stringify(query.body)).not.toContain(rawKey);
    await request(api.url).get('/auth/me').set('X-API-Key', 'pk_nonsense').expect(401);
  });

  it('caps a key at its role cap, and never above its owner', async () => {
    const { rawKey } = await UserFactory.withApiKey(api.dataSource, Role.Admin);
    const capped = await request(api.url)
      .post('/auth/api-keys')
      .set('X-API-Key', rawKey)
      .send({ name: 'read only', role_cap: 'viewer' })
      .expect(201);
    expect(capped.body.role_cap).toBe('viewer');
    const me = await request(api.url)
      .get('/auth/me')
      .set('X-API-Key', String(capped.body.key))
      .expect(200);
    expect(me.body.role).toBe('viewer');
    await request(api.url).get('/users').set('X-API-Key', String(capped.body.key)).expect(403);
    await request(api.url).get('/users').set('X-API-Key', rawKey).expect(200);
    // A viewer-capped key cannot mint a stronger one.
    const escalate = await request(api.url)
      .post('/auth/api-keys')
      .set('X-API-Key', String(capped.body.key))
      .send({ name: 'escalate', role_cap: 'admin' })
      .expect(400);
    expect(escalate.body.fields[0].field).toBe('role_cap');
    const inherit = await request(api.url)
      .post('/auth/api-keys')
      .set('X-API-Key', String(capped.body.key))
      .send({ name: 'inherits cap' })
      .expect(201);
    expect(inherit.body.role_cap).toBe('viewer');

    const { rawKey: viewerKey } = await UserFactory.withApiKey(api.dataSource, Role.Viewer);
    await request(api.url)
      .post('/auth/api-keys')
      .set('X-API-Key', viewerKey)
      .send({ name: 'x', role_cap: 'operator' })
      .expect(400);
  });

  it("lets admins list and revoke anyone's keys; others see 404/403", async () => {
    const { rawKey: adminKey } = await UserFactory.withApiKey(api.dataSource, Role.Admin);
    const { user, key, rawKey } = await UserFactory.withApiKey(api.dataSource, Role.Operator);
    const { rawKey: otherKey } = await UserFactory.withApiKey(api.dataSource, Role.Operator);
    await request(api.url)
      .get(`/auth/api-keys?user_id=${user.id}`)
      .set('X-API-Key', otherKey)
      .expect(403);
    await request(api.url)
      .delete(`/auth/api-keys/${key.id}`)
      .set('X-API-Key', otherKey)
      .expect(404);
    const listed = await request(api.url)
      .get(`/auth/api-keys?user_id=${user.id}`)
      .set('X-API-Key', adminKey)
      .expect(200);
    expect((listed.body as { id: number }[]).map((k) => k.id)).toEqual([key.id]);
    await request(api.url)
      .delete(`/auth/api-keys/${key.id}`)
      .set('X-API-Key', adminKey)
      .expect(204);
    await request(api.url).get('/auth/me').set('X-API-Key', rawKey).expect(401);
  });

  it('answers bad input with 400 naming the field, never 500', async () => {
    const { rawKey } = await UserFactory.withApiKey(api.dataSource, Role.Viewer);
    const cases: [unknown, string][] = [
      [{}, 'name'],
      [{ name: 42 }, 'name'],
      [{ name: 'x'.repeat(10_000) }, 'name'],
      [{ name: 'ok', role_cap: 'root' }, 'role_cap'],
      [{ name: 'ok', expires_at: 'tomorrow' }, 'expires_at'],
      [{ name: 'ok', surprise: true }, 'surprise'],
    ];
    for (const [body, field] of cases) {
      const res = await request(api.url)
        .post('/auth/api-keys')
        .set('X-API-Key', rawKey)
        .send(body as object);
      expect(res.status).toBe(400);
      expect((res.body.fields as { field: string }[]).map((f) => f.field)).toContain(field);
    }
    const badId = await request(api.url)
      .delete('/auth/api-keys/99999999999')
      .set('X-API-Key', rawKey)
      .expect(400);
    expect(badId.body.fields[0].field).toBe('id');
  });
});
