import request from 'supertest';
import { JobProducer } from '../../../src/queue/job-producer.service';
import { QueueName } from '../../../src/queue/queue-name';
import { Role } from '../../../src/users/entities/api-user.entity';
import { ApiHarness } from '../../support/api-harness';
import { createUserWithPassword, loginCookie } from '../../support/auth-kit';
import { UserFactory } from '../../support/factories/user.factory';

jest.setTimeout(60_000);

/**
 * The queue board (/admin/queues, an Express app outside Nest routing) accepts the same
 * credentials as every route: an API key or the dashboard's session cookie, admins only, with the
 * cookie's CSRF rule for changes.
 */
describe('queue board access', () => {
  let api: ApiHarness;
  let adminCookie: string;
  let operatorCookie: string;

  beforeAll(async () => {
    api = await ApiHarness.start('auth_queue_board');
    const admin = await createUserWithPassword(api, Role.Admin);
    const operator = await createUserWithPassword(api, Role.Operator);
    adminCookie = await loginCookie(api, admin.username);
    operatorCookie = await loginCookie(api, operator.username);
  });
  afterAll(async () => {
    await api.stop();
  });

  it("serves the board and its API to an admin's session", async () => {
    const page = await request(api.url).get('/admin/queues').set('Cookie', adminCookie).expect(200);
    expect(page.text).toContain('piyasa queues');
    const queues = await request(api.url)
      .get('/admin/queues/api/queues')
      .set('Cookie', adminCookie)
      .expect(200);
    expect((queues.body.queues as { name: string }[]).map((q) => q.name).sort()).toEqual([
      'maintenance',
      'send',
      'tick',
      'turn',
      'updates',
    ]);
  });

  it('refuses other roles, revoked sessions and query-string keys in the API error shape', async () => {
    const refused = await request(api.url)
      .get('/admin/queues')
      .set('Cookie', operatorCookie)
      .expect(403);
    expect(refused.body).toMatchObject({ status: 403, error: 'forbidden' });
    await request(api.url)
      .get('/admin/queues')
      .set('Cookie', 'piyasa.session=nonsense')
      .expect(401);
    const viewer = await UserFactory.withApiKey(api.dataSource, Role.Viewer);
    await request(api.url).get('/admin/queues').set('X-API-Key', viewer.rawKey).expect(403);
    const inQuery = await request(api.url)
      .get(`/admin/queues?api_key=${viewer.rawKey}`)
      .expect(400);
    expect(inQuery.body).toMatchObject({ status: 400, error: 'bad_request' });

    const user = await createUserWithPassword(api, Role.Admin);
    const cookie = await loginCookie(api, user.username);
    await request(api.url).get('/admin/queues').set('Cookie', cookie).expect(200);
    await request(api.url)
      .post('/auth/logout')
      .set('Cookie', cookie)
      .set('Origin', api.url)
      .expect(204);
    await request(api.url).get('/admin/queues').set('Cookie', cookie).expect(401);
  });

  it('lets a session change queues only from the dashboard origin', async () => {
    const turn = api.app.get(JobProducer).queue(QueueName.Turn);
    const crossSite = await request(api.url)
      .put('/admin/queues/api/queues/turn/pause')
      .set('Cookie', adminCookie)
      .set('Origin', 'https://evil.example')
      .expect(403);
    expect(crossSite.body).toMatchObject({ status: 403, error: 'forbidden' });
    expect(await turn.isPaused()).toBe(false);
    await request(api.url)
      .put('/admin/queues/api/queues/turn/pause')
      .set('Cookie', adminCookie)
      .set('Origin', api.url)
      .expect(200);
    expect(await turn.isPaused()).toBe(true);
    await turn.resume();
  });
});
