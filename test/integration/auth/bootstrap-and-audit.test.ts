import { INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import request from 'supertest';
import { AuditInterceptor } from '../../../src/audit/audit.interceptor';
import { BotsController } from '../../../src/bots/bots.controller';
import { mutatingRouteHandlers } from '../../../src/common/http/mutating-route-interceptors';
import { InvalidateSharedReadsInterceptor } from '../../../src/common/shared-reads/invalidate-shared-reads.interceptor';
import { AuditLog } from '../../../src/audit/entities/audit-log.entity';
import { ApiKey } from '../../../src/auth/entities/api-key.entity';
import { totpCodeAt } from '../../../src/auth/totp.util';
import { ClockService } from '../../../src/common/clock/clock.service';
import { ApiUser, Role } from '../../../src/users/entities/api-user.entity';
import { ApiHarness } from '../../support/api-harness';
import { encryptionKeys, loginCookie } from '../../support/auth-kit';
import { TestDatabase } from '../../support/test-database';

// Starting apps (argon2, migrations) can exceed Jest's 5 s default hook timeout on a busy machine.
jest.setTimeout(120_000);

const ADMIN_KEY = 'pk_BootKey1_abcdefghijklmnopqrstuvwxyz012345';
const MFA_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('first-start admin from DEFAULT_ADMIN_*, and the audit trail', () => {
  let db: TestDatabase;
  let a: ApiHarness;
  let b: ApiHarness;
  const env = {
    ENCRYPTION_KEYS: encryptionKeys('k1'),
    DEFAULT_ADMIN_USERNAME: 'root_admin',
    DEFAULT_ADMIN_PASSWORD: 'bootstrap passphrase 1',
    DEFAULT_ADMIN_MFA_SECRET: MFA_SECRET,
    DEFAULT_ADMIN_API_KEY: ADMIN_KEY,
  };
  beforeAll(async () => {
    db = await TestDatabase.create('auth_boot');
    // Two replicas starting together on an empty database.
    [a, b] = await Promise.all([
      ApiHarness.start('auth_boot', env, { database: db }),
      ApiHarness.start('auth_boot', env, { database: db }),
    ]);
  });
  afterAll(async () => {
    await a.stop();
    await b.stop();
    await db.drop();
  });

  it('creates exactly one admin, with TOTP and the given API key, storing no secret in clear', async () => {
    const users = await a.dataSource.getRepository(ApiUser).find();
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ username: 'root_admin', role: Role.Admin, mfaEnabled: true });
    expect(users[0].passwordHash).toMatch(/^\$argon2id\$/);
    expect(users[0].mfaSecretCiphertext).not.toContain(MFA_SECRET);
    const keys = await a.dataSource.getRepository(ApiKey).find();
    expect(keys).toHaveLength(1);
    expect(keys[0].keyHash).not.toContain(ADMIN_KEY);

    await request(a.url).get('/users').set('X-API-Key', ADMIN_KEY).expect(200);
    await request(a.url)
      .post('/auth/login')
      .send({ username: 'root_admin', password: 'bootstrap passphrase 1' })
      .expect(401);
    const code = totpCodeAt(MFA_SECRET, a.app.get(ClockService).nowMs());
    await loginCookie(a, 'root_admin', 'bootstrap passphrase 1', code);
  });

  it('does nothing once users exist', async () => {
    const c = await ApiHarness.start(
      'auth_boot',
      { ...env, DEFAULT_ADMIN_USERNAME: 'second_admin' },
      { database: db },
    );
    await c.stop();
    expect(await a.dataSource.getRepository(ApiUser).count()).toBe(1);
  });

  it('records every successful change automatically, with field names but no values', async () => {
    const created = await request(a.url)
      .post('/users')
      .set('X-API-Key', ADMIN_KEY)
      .send({ username: 'audited_user', password: 'audited passphrase 1', role: 'viewer' })
      .expect(201);
    await request(a.url)
      .patch(`/users/${String(created.body.id)}`)
      .set('X-API-Key', ADMIN_KEY)
      .send({ role: 'operator' })
      .expect(200);
    // Failed requests are not state changes.
    await request(a.url).patch('/users/999999').set('X-API-Key', ADMIN_KEY).send({}).expect(404);

    const rows = await a.dataSource
      .getRepository(AuditLog)
      .find({ where: { resourceType: 'users' }, order: { id: 'ASC' } });
    expect(rows.map((r) => [r.action, r.resourceId, r.actorLabel])).toEqual([
      ['POST /users', String(created.body.id), 'root_admin'],
      ['PATCH /users/:id', String(created.body.id), 'root_admin'],
    ]);
    expect(rows[0].details).toEqual({ fields: ['username', 'password', 'role'] });
    expect(rows[0].actorApiKeyId).not.toBeNull();
    expect(rows[0].ip).toBeTruthy();
    expect(JSON.stringify(rows)).not.toContain('audited passphrase');
  });

  it('attaches the audit and shared-read invalidation to every state-changing route, and to no read', () => {
    const interceptorsOf = (handler: object): unknown[] =>
      (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[] | undefined) ?? [];
    const writes = mutatingRouteHandlers(a.app);
    // Every controller's POST/PUT/PATCH/DELETE handlers: enough of them that the walk finds routes.
    expect(writes.length).toBeGreaterThan(40);
    const unaudited = writes
      .filter(({ handler }) => !interceptorsOf(handler).includes(AuditInterceptor))
      .map(({ controller, name }) => `${controller.name}.${name}`);
    expect(unaudited).toEqual([]);
    expect(
      writes.every(({ handler }) =>
        interceptorsOf(handler).includes(InvalidateSharedReadsInterceptor),
      ),
    ).toBe(true);
    const writeHandlers = new Set(writes.map((w) => w.handler));
    const readsIntercepted = Object.getOwnPropertyNames(BotsController.prototype)
      .map((name) => (BotsController.prototype as unknown as Record<string, object>)[name])
      .filter((h) => typeof h === 'function' && !writeHandlers.has(h))
      .filter((h) => interceptorsOf(h).length > 0);
    expect(readsIntercepted).toEqual([]);
  });

  it('serves GET /audit to admins with filters and a cursor', async () => {
    await request(a.url)
      .post('/auth/login')
      .send({ username: 'audited_user', password: 'wrong password here' })
      .expect(401);
    const failed = await request(a.url)
      .get('/audit?action=auth.login_failed')
      .set('X-API-Key', ADMIN_KEY)
      .expect(200);
    expect(failed.body.items.length).toBeGreaterThanOrEqual(1);
    expect(failed.body.items[0]).toMatchObject({
      action: 'auth.login_failed',
      actor_label: 'audited_user',
      details: { reason: 'invalid_credentials' },
    });

    const page1 = await request(a.url)
      .get('/audit?actor=root_admin&limit=1')
      .set('X-API-Key', ADMIN_KEY)
      .expect(200);
    expect(page1.body.items).toHaveLength(1);
    const cursor = Number(page1.body.next_cursor);
    const page2 = await request(a.url)
      .get(`/audit?actor=root_admin&limit=1&cursor=${cursor}`)
      .set('X-API-Key', ADMIN_KEY)
      .expect(200);
    expect(Number(page2.body.items[0].id)).toBeLessThan(cursor);

    const future = await request(a.url)
      .get('/audit?from=2999-01-01T00:00:00Z&resource_type=users')
      .set('X-API-Key', ADMIN_KEY)
      .expect(200);
    expect(future.body).toEqual({ items: [], next_cursor: null });
    const bad = await request(a.url)
      .get('/audit?limit=0&from=yesterday')
      .set('X-API-Key', ADMIN_KEY)
      .expect(400);
    expect((bad.body.fields as { field: string }[]).map((f) => f.field).sort()).toEqual([
      'from',
      'limit',
    ]);
  });
});
