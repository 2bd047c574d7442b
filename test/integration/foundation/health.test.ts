import request from 'supertest';
import { ApiHarness } from '../../support/api-harness';

describe('GET /healthz', () => {
  describe('with PostgreSQL and Redis up', () => {
    let api: ApiHarness;
    beforeAll(async () => {
      api = await ApiHarness.start('health');
    });
    afterAll(async () => {
      await api.stop();
    });

    it('answers 200 with both dependencies up, without credentials', async () => {
      const res = await request(api.url).get('/healthz').expect(200);
      expect(res.body.status).toBe('ok');
      expect(res.body.details.database.status).toBe('up');
      expect(res.body.details.redis.status).toBe('up');
    });

    it('sends security headers', async () => {
      const res = await request(api.url).get('/healthz');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    });
  });

  describe('with Redis unreachable', () => {
    let api: ApiHarness;
    beforeAll(async () => {
      // Port 1 on loopback refuses connections at once: Redis is "down" from the API's view.
      api = await ApiHarness.start('health_noredis', { REDIS_URL: 'redis://127.0.0.1:1' });
    });
    afterAll(async () => {
      await api.stop();
    });

    it('answers 503 naming redis as down, and keeps serving', async () => {
      const res = await request(api.url).get('/healthz').expect(503);
      expect(res.body.status).toBe('error');
      expect(res.body.details.redis.status).toBe('down');
      expect(res.body.details.database.status).toBe('up');
      await request(api.url).get('/healthz').expect(503);
    });
  });
});
