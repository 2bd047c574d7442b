import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { Bot, BotStatus } from '../../../src/bots/entities/bot.entity';
import { JobProducer } from '../../../src/queue/job-producer.service';
import { QueueStatsDto } from '../../../src/queue/dto/queue-stats.dto';
import { CheckSummaryDto } from '../../../src/system/dto/check-summary.dto';
import { SystemCheckDto } from '../../../src/system/dto/system-check.dto';
import { SystemHealthDto } from '../../../src/system/dto/system-health.dto';
import { Role } from '../../../src/users/entities/api-user.entity';
import { ApiHarness } from '../../support/api-harness';
import { UserFactory } from '../../support/factories/user.factory';
import { startWorkerContext } from '../../support/worker-context';

describe('system API', () => {
  let api: ApiHarness;
  let operator: { rawKey: string; username: string };
  let viewer: string;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    api = await ApiHarness.start('system');
    const op = await UserFactory.withApiKey(api.dataSource, Role.Operator);
    operator = { rawKey: op.rawKey, username: op.user.username };
    viewer = (await UserFactory.withApiKey(api.dataSource, Role.Viewer)).rawKey;
    await api.dataSource
      .getRepository(Bot)
      .save({ name: 'Atılmış Bot', status: BotStatus.Error, lastError: 'kicked' });
  });
  afterAll(async () => {
    await worker?.close();
    await api.stop();
  });

  const step = (check: SystemCheckDto, name: string) =>
    check.details.steps.find((s) => s.name === name);

  describe('with no worker running', () => {
    it('has no latest check yet', async () => {
      const res = await request(api.url)
        .get('/system/checks/latest')
        .set('X-API-Key', viewer)
        .expect(404);
      expect(res.body.error).toBe('not_found');
    });

    it('reports workers down in the health view', async () => {
      const res = await request(api.url).get('/system/health').set('X-API-Key', viewer).expect(200);
      const health = res.body as SystemHealthDto;
      expect(health.status).toBe('down');
      const byName = Object.fromEntries(health.components.map((c) => [c.name, c.status]));
      expect(byName).toMatchObject({ api: 'ok', database: 'ok', redis: 'ok', workers: 'down' });
      expect(['ok', 'degraded']).toContain(byName.disk);
      expect(health.disk?.free_bytes).toBeGreaterThan(0);
    });

    it('runs a failing check: the worker round trip times out, the rest passes', async () => {
      const res = await request(api.url)
        .post('/system/checks')
        .set('X-API-Key', operator.rawKey)
        .send({ worker_timeout_seconds: 1 })
        .expect(201);
      const check = res.body as SystemCheckDto;
      expect(check).toMatchObject({
        status: 'failed',
        total_steps: 7,
        passed_steps: 6,
        failed_steps: 1,
        triggered_by: operator.username,
      });
      expect(step(check, 'worker_roundtrip')?.status).toBe('failed');
      expect(step(check, 'worker_roundtrip')?.detail).toContain('no worker took the probe job');
      expect(step(check, 'migrations')?.status).toBe('passed');
      expect(step(check, 'bots')).toMatchObject({ status: 'warning' });
      expect(step(check, 'bots')?.detail).toContain('Atılmış Bot');
      expect(check.details.health_checks.length).toBe(5);
      // The probe job does not stay in the queue.
      const stats = await request(api.url).get('/queue/stats').set('X-API-Key', viewer).expect(200);
      expect((stats.body as QueueStatsDto).total_pending).toBe(0);
    });
  });

  describe('with a worker running', () => {
    beforeAll(async () => {
      worker = await startWorkerContext(api.config);
    });

    it('sees the worker through its heartbeat', async () => {
      const res = await request(api.url).get('/system/health').set('X-API-Key', viewer).expect(200);
      const health = res.body as SystemHealthDto;
      expect(health.workers).toHaveLength(1);
      expect(health.components.find((c) => c.name === 'workers')?.status).toBe('ok');
    });

    it('runs a passing check and serves it as the latest', async () => {
      const res = await request(api.url)
        .post('/system/checks')
        .set('X-API-Key', operator.rawKey)
        .expect(201);
      const check = res.body as SystemCheckDto;
      expect(check.status).toBe('passed');
      expect(step(check, 'worker_roundtrip')?.status).toBe('passed');
      const latest = await request(api.url)
        .get('/system/checks/latest')
        .set('X-API-Key', viewer)
        .expect(200);
      expect((latest.body as SystemCheckDto).id).toBe(check.id);
    });

    it('summarises the window: one of two passed is critical, with Turkish advice', async () => {
      const res = await request(api.url)
        .get('/system/checks/summary?window_days=7')
        .set('X-API-Key', viewer)
        .expect(200);
      const summary = res.body as CheckSummaryDto;
      expect(summary).toMatchObject({
        window_days: 7,
        total_checks: 2,
        passed_checks: 1,
        failed_checks: 1,
        success_rate: 50,
        overall_status: 'critical',
        overall_label: 'kritik',
      });
      expect(summary.daily).toHaveLength(7);
      expect(summary.insights).toContain('En sık başarısız adım: worker_roundtrip (1 kez).');
      expect(summary.recommended_actions.length).toBeGreaterThan(0);
    });

    it('validates window_days and the check body', async () => {
      for (const query of ['window_days=0', 'window_days=91', 'window_days=x']) {
        const res = await request(api.url)
          .get(`/system/checks/summary?${query}`)
          .set('X-API-Key', viewer)
          .expect(400);
        expect(res.body.fields[0].field).toBe('window_days');
      }
      await request(api.url)
        .post('/system/checks')
        .set('X-API-Key', operator.rawKey)
        .send({ worker_timeout_seconds: 60 })
        .expect(400);
    });
  });

  it('exports the health report as CSV and JSON files', async () => {
    const csv = await request(api.url)
      .get('/system/health/export?format=csv')
      .set('X-API-Key', viewer)
      .expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(
      /^attachment; filename="system-health-.*\.csv"$/,
    );
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('component,status,detail,latency_ms,generated_at');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([
      'api',
      'database',
      'redis',
      'workers',
      'disk',
    ]);
    const json = await request(api.url)
      .get('/system/health/export')
      .set('X-API-Key', viewer)
      .buffer(true)
      .parse((res, done) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (data += chunk));
        res.on('end', () => done(null, data));
      })
      .expect(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect((JSON.parse(json.body as string) as SystemHealthDto).components).toHaveLength(5);
    await request(api.url)
      .get('/system/health/export?format=xml')
      .set('X-API-Key', viewer)
      .expect(400);
  });

  it('lists counts per queue and state from Redis', async () => {
    // Other jobs (a worker's job schedulers) may sit in the queue too: compare before and after.
    const maintenance = async () =>
      (
        (await request(api.url).get('/queue/stats').set('X-API-Key', viewer).expect(200))
          .body as QueueStatsDto
      ).queues.find((q) => q.name === 'maintenance');
    const before = await maintenance();
    await api.app
      .get(JobProducer)
      .enqueue('maintenance.probe', { requestedAt: 'later' }, { delay: 60_000 });
    const res = await request(api.url).get('/queue/stats').set('X-API-Key', viewer).expect(200);
    const stats = res.body as QueueStatsDto;
    expect(stats.queues.map((q) => q.name)).toEqual([
      'tick',
      'turn',
      'send',
      'updates',
      'maintenance',
    ]);
    expect(stats.queues.find((q) => q.name === 'maintenance')).toMatchObject({
      delayed: (before?.delayed ?? 0) + 1,
      waiting: before?.waiting ?? 0,
      failed: 0,
      paused: 0,
      is_paused: false,
    });
    expect(Object.keys(stats.queues[0]).sort()).toEqual([
      'active',
      'completed',
      'delayed',
      'failed',
      'is_paused',
      'name',
      'paused',
      'waiting',
    ]);
  });

  it('enforces roles', async () => {
    await request(api.url).post('/system/checks').set('X-API-Key', viewer).expect(403);
    for (const path of [
      '/system/checks/latest',
      '/system/checks/summary',
      '/system/health',
      '/system/health/export',
      '/queue/stats',
    ]) {
      await request(api.url).get(path).expect(401);
    }
  });
});
