import request from 'supertest';
import { JobProducer } from '../../../src/queue/job-producer.service';
import { Role } from '../../../src/users/entities/api-user.entity';
import { ApiHarness } from '../../support/api-harness';
import { UserFactory } from '../../support/factories/user.factory';

// The project-level testTimeout does not reach hooks and tests here; the machine may be busy.
jest.setTimeout(60_000);

const TOKEN = 'prometheus-scrape-token-42';

describe('API observability', () => {
  describe('with default settings (loopback scrapes)', () => {
    let api: ApiHarness;
    beforeAll(async () => {
      api = await ApiHarness.start('obs');
    }, 60_000);
    afterAll(async () => {
      await api.stop();
    }, 60_000);

    it('exposes the named series, with route patterns and live queue depth', async () => {
      await api.app.get(JobProducer).enqueue('send.deliver', { messageId: 1 });
      await request(api.url).get('/healthz').expect(200);
      await request(api.url).get('/no/such/route/123').expect(404);

      const res = await request(api.url).get('/metrics').expect(200);
      expect(res.headers['content-type']).toContain('text/plain');
      const text = res.text;
      for (const name of [
        'piyasa_http_requests_total',
        'piyasa_http_request_duration_seconds_bucket',
        'piyasa_auth_failures_total',
        'piyasa_websocket_clients',
        'piyasa_messages_total',
        'piyasa_telegram_calls_total',
        'piyasa_llm_tokens_total',
        'piyasa_queue_jobs',
        'piyasa_queue_oldest_waiting_age_seconds',
        'process_resident_memory_bytes',
      ]) {
        expect(text).toContain(`# TYPE ${name.replace(/_bucket$/, '')} `);
      }
      expect(text).toMatch(
        /piyasa_http_requests_total\{method="GET",route="\/healthz",status="200",role="api"\} 1/,
      );
      expect(text).toMatch(
        /piyasa_http_requests_total\{method="GET",route="unmatched",status="404"/,
      );
      expect(text).not.toContain('/no/such/route/123');
      expect(text).toMatch(/piyasa_queue_jobs\{queue="send",state="waiting",role="api"\} 1/);
      expect(text).toMatch(/piyasa_queue_jobs\{queue="turn",state="waiting",role="api"\} 0/);
      expect(text).toMatch(/piyasa_process_info\{role="api",version="\d+\.\d+\.\d+"\} 1/);
    });

    it('counts refused requests as auth failures', async () => {
      await request(api.url).get('/admin/queues').expect(401);
      const res = await request(api.url).get('/metrics').expect(200);
      expect(res.text).toMatch(
        /piyasa_auth_failures_total\{reason="unauthorized",role="api"\} [1-9]/,
      );
    });

    it('answers /readyz with database, Redis and migrations up', async () => {
      const res = await request(api.url).get('/readyz').expect(200);
      expect(res.body.details).toEqual({
        database: { status: 'up' },
        redis: { status: 'up' },
        migrations: { status: 'up' },
      });
    });

    it('reports pending migrations as not ready, and ready again once applied', async () => {
      // Forget the last applied migration: the schema is then "behind" the build.
      const [last] = await api.dataSource.query<{ id: number; timestamp: string; name: string }[]>(
        'SELECT id, timestamp, name FROM typeorm_migrations ORDER BY id DESC LIMIT 1',
      );
      await api.dataSource.query('DELETE FROM typeorm_migrations WHERE id = $1', [last.id]);
      try {
        const res = await request(api.url).get('/readyz').expect(503);
        expect(res.body.details.migrations.status).toBe('down');
        await request(api.url).get('/healthz').expect(200);
      } finally {
        await api.dataSource.query(
          'INSERT INTO typeorm_migrations (id, timestamp, name) VALUES ($1, $2, $3)',
          [last.id, last.timestamp, last.name],
        );
      }
      await request(api.url).get('/readyz').expect(200);
    });

    it('serves the queue board to admins only', async () => {
      const admin = await UserFactory.withApiKey(api.dataSource, Role.Admin);
      const operator = await UserFactory.withApiKey(api.dataSource, Role.Operator);

      const anonymous = await request(api.url).get('/admin/queues').expect(401);
      expect(anonymous.body).toMatchObject({ status: 401, error: 'unauthorized' });
      await request(api.url).get('/admin/queues').set('X-API-Key', 'pk_nonsense').expect(401);
      await request(api.url).get('/admin/queues').set('X-API-Key', operator.rawKey).expect(403);
      await request(api.url)
        .get('/admin/queues/api/queues')
        .set('X-API-Key', operator.rawKey)
        .expect(403);

      const page = await request(api.url).get('/admin/queues').set('X-API-Key', admin.rawKey);
      expect(page.status).toBe(200);
      expect(page.text).toContain('piyasa queues');
      const queues = await request(api.url)
        .get('/admin/queues/api/queues')
        .set('X-API-Key', admin.rawKey)
        .expect(200);
      const names = (queues.body.queues as { name: string }[]).map((q) => q.name).sort();
      expect(names).toEqual(['maintenance', 'send', 'tick', 'turn', 'updates']);
    });
  });

  describe('with METRICS_TOKEN', () => {
    let api: ApiHarness;
    beforeAll(async () => {
      api = await ApiHarness.start('obs_token', { METRICS_TOKEN: TOKEN });
    }, 60_000);
    afterAll(async () => {
      await api.stop();
    }, 60_000);

    it('refuses a scraper without the token or with a wrong one, even on loopback', async () => {
      const missing = await request(api.url).get('/metrics').expect(401);
      expect(missing.body).toMatchObject({ status: 401, error: 'unauthorized' });
      expect(missing.text).not.toContain('piyasa_');
      await request(api.url)
        .get('/metrics')
        .set('Authorization', 'Bearer wrong-token-wrong-token')
        .expect(401);
    });

    it('serves the scraper that sends the token', async () => {
      const res = await request(api.url)
        .get('/metrics')
        .set('Authorization', `Bearer ${TOKEN}`)
        .expect(200);
      expect(res.text).toContain('piyasa_http_requests_total');
    });
  });

  describe('with METRICS_ALLOW not covering loopback', () => {
    let api: ApiHarness;
    beforeAll(async () => {
      api = await ApiHarness.start('obs_allow', { METRICS_ALLOW: '10.0.0.0/8' });
    }, 60_000);
    afterAll(async () => {
      await api.stop();
    }, 60_000);

    it('refuses an address outside the allow-list', async () => {
      const res = await request(api.url).get('/metrics').expect(403);
      expect(res.body).toMatchObject({ status: 403, error: 'forbidden' });
    });
  });
});
