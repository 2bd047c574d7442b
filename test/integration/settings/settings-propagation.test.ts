import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { SettingsReader } from '../../../src/settings/settings-reader.service';
import { Role } from '../../../src/users/entities/api-user.entity';
import { ApiHarness } from '../../support/api-harness';
import { UserFactory } from '../../support/factories/user.factory';
import { startWorkerContext } from '../../support/worker-context';

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('settings changes reach other processes', () => {
  let api: ApiHarness;
  let worker: INestApplicationContext;
  let admin: string;
  let operator: string;

  beforeAll(async () => {
    api = await ApiHarness.start('settings_prop');
    worker = await startWorkerContext(api.config);
    admin = (await UserFactory.withApiKey(api.dataSource, Role.Admin)).rawKey;
    operator = (await UserFactory.withApiKey(api.dataSource, Role.Operator)).rawKey;
  });
  afterAll(async () => {
    await worker.close();
    await api.stop();
  });

  it('a change through the API applies in a worker within a second (cache dropped, not expired)', async () => {
    const reader = worker.get(SettingsReader);
    expect((await reader.get()).max_msgs_per_min).toBe(6);
    // Cached now: a write behind the API's back is not seen (proves the next read is the cache).
    await api.dataSource.query(
      `INSERT INTO settings (key, value) VALUES ('dedup_window_hours', '24'::jsonb)`,
    );
    expect((await reader.get()).dedup_window_hours).toBe(12);

    const started = Date.now();
    await request(api.url)
      .patch('/settings/max_msgs_per_min')
      .set('X-API-Key', admin)
      .send({ value: 20 })
      .expect(200);
    const values = await until(
      () => reader.get(),
      (v) => v.max_msgs_per_min === 20,
      1000,
    );
    expect(values.max_msgs_per_min).toBe(20);
    expect(values.dedup_window_hours).toBe(24);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('control actions reach the worker the same way', async () => {
    const reader = worker.get(SettingsReader);
    expect((await reader.get()).simulation_active).toBe(false);
    await request(api.url).post('/control/start').set('X-API-Key', operator).expect(200);
    const values = await until(
      () => reader.get(),
      (v) => v.simulation_active,
      1000,
    );
    expect(values.simulation_active).toBe(true);
  });
});
