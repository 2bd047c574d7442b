import request from 'supertest';
import { ApiKey } from '../../../src/auth/entities/api-key.entity';
import { Role } from '../../../src/users/entities/api-user.entity';
import { ApiHarness } from '../../support/api-harness';
import { createUserWithPassword, loginCookie } from '../../support/auth-kit';
import { UserFactory } from '../../support/factories/user.factory';
import { TestDatabase } from '../../support/test-database';
import { uniqueSuffix } from '../../support/test-env';

jest.setTimeout(60_000);

/**
 * Verified API keys and sessions are cached per process for a few seconds; a revocation made
 * through one API process must end them in every process, not only after the cache's TTL.
 */
describe('credential cache across two API processes', () => {
  let db: TestDatabase;
  let a: ApiHarness;
  let b: ApiHarness;
  let admin: string;

  beforeAll(async () => {
    db = await TestDatabase.create('auth_cred_cache');
    const env = { REDIS_PREFIX: `t_${uniqueSuffix()}` };
    a = await ApiHarness.start('auth_cred_cache', env, { database: db });
    b = await ApiHarness.start('auth_cred_cache', env, { database: db });
    admin = (await UserFactory.withApiKey(a.dataSource, Role.Admin)).rawKey;
  });
  afterAll(async () => {
    await a.stop();
    await b.stop();
    await db.drop();
  });

  /** Repeats a request on `api` until it answers `status` (events arrive asynchronously). */
  async function eventually(
    send: () => request.Test,
    status: number,
    attempts = 100,
  ): Promise<void> {
    let last = 0;
    for (let i = 0; i < attempts; i += 1) {
      last = (await send()).status;
      if (last === status) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`expected ${status}, still ${last} after ${attempts} attempts`);
  }

  it('serves a verified key from the cache, and drops it everywhere when it is revoked', async () => {
    const { key, rawKey } = await UserFactory.withApiKey(a.dataSource, Role.Operator);
    await request(a.url).get('/auth/me').set('X-API-Key', rawKey).expect(200);
    await request(b.url).get('/auth/me').set('X-API-Key', rawKey).expect(200);
    // Revoked behind the API's back: both processes keep answering from their cache…
    await a.dataSource.getRepository(ApiKey).update({ id: key.id }, { revokedAt: new Date() });
    await request(a.url).get('/auth/me').set('X-API-Key', rawKey).expect(200);
    await a.dataSource.getRepository(ApiKey).update({ id: key.id }, { revokedAt: null });
    // …but a revocation through the API ends it at once here and, by the event, in B.
    await request(a.url).delete(`/auth/api-keys/${key.id}`).set('X-API-Key', admin).expect(204);
    await request(a.url).get('/auth/me').set('X-API-Key', rawKey).expect(401);
    await eventually(() => request(b.url).get('/auth/me').set('X-API-Key', rawKey), 401);
  });

  it("ends a user's cached keys and sessions everywhere when the user is disabled", async () => {
    const user = await createUserWithPassword(a, Role.Operator);
    const cookie = await loginCookie(a, user.username);
    const { rawKey } = await UserFactory.withApiKey(a.dataSource, Role.Viewer);
    const own = await request(a.url)
      .post('/auth/api-keys')
      .set('Cookie', cookie)
      .set('Origin', a.url)
      .send({ name: 'eigen' })
      .expect(201);
    const userKey = own.body.key as string;
    for (const api of [a, b]) {
      await request(api.url).get('/auth/me').set('Cookie', cookie).expect(200);
      await request(api.url).get('/auth/me').set('X-API-Key', userKey).expect(200);
    }
    await request(b.url)
      .patch(`/users/${user.id}`)
      .set('X-API-Key', admin)
      .send({ is_active: false })
      .expect(200);
    for (const api of [b, a]) {
      await eventually(() => request(api.url).get('/auth/me').set('Cookie', cookie), 401);
      await eventually(() => request(api.url).get('/auth/me').set('X-API-Key', userKey), 401);
    }
    // Another user's key is untouched.
    await request(a.url).get('/auth/me').set('X-API-Key', rawKey).expect(200);
  });

  it('ends a logged-out session in the other process too', async () => {
    const user = await createUserWithPassword(a, Role.Viewer);
    const cookie = await loginCookie(a, user.username);
    await request(b.url).get('/auth/me').set('Cookie', cookie).expect(200);
    await request(a.url)
      .post('/auth/logout')
      .set('Cookie', cookie)
      .set('Origin', a.url)
      .expect(204);
    await eventually(() => request(b.url).get('/auth/me').set('Cookie', cookie), 401);
  });
});
