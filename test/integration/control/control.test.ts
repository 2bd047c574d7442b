import request from 'supertest';
import { Setting } from '../../../src/settings/entities/setting.entity';
import { Role } from '../../../src/users/entities/api-user.entity';
import { ApiHarness } from '../../support/api-harness';
import { EventRecorder } from '../../support/event-recorder';
import { UserFactory } from '../../support/factories/user.factory';

describe('control API', () => {
  let api: ApiHarness;
  let operator: string;
  let viewer: string;
  let events: EventRecorder;

  beforeAll(async () => {
    api = await ApiHarness.start('control');
    operator = (await UserFactory.withApiKey(api.dataSource, Role.Operator)).rawKey;
    viewer = (await UserFactory.withApiKey(api.dataSource, Role.Viewer)).rawKey;
    events = await EventRecorder.start(api.config.redis.prefix);
  });
  afterAll(async () => {
    await events.stop();
    await api.stop();
  });

  const setting = async (key: string): Promise<unknown> =>
    (await api.dataSource.getRepository(Setting).findOneBy({ key }))?.value;

  it('starts and stops the simulation, persisting the switch and publishing events', async () => {
    const start = await request(api.url)
      .post('/control/start')
      .set('X-API-Key', operator)
      .expect(200);
    expect(start.body).toEqual({ ok: true, simulation_active: true });
    expect(await setting('simulation_active')).toBe(true);
    await events.waitFor((e) => e.type === 'control' && e.action === 'start');
    await events.waitFor(
      (e) => e.type === 'settings_updated' && e.keys.includes('simulation_active'),
    );

    const stop = await request(api.url)
      .post('/control/stop')
      .set('X-API-Key', operator)
      .expect(200);
    expect(stop.body).toEqual({ ok: true, simulation_active: false });
    expect(await setting('simulation_active')).toBe(false);
    await events.waitFor(
      (e) => e.type === 'control' && e.action === 'stop' && e.simulation_active === false,
    );
  });

  it('scales within 0.1–10 and reports the factor', async () => {
    const res = await request(api.url)
      .post('/control/scale')
      .set('X-API-Key', operator)
      .send({ factor: 2.5 })
      .expect(200);
    expect(res.body).toEqual({ ok: true, factor: 2.5 });
    expect(await setting('scale_factor')).toBe(2.5);
    await events.waitFor((e) => e.type === 'control' && e.action === 'scale' && e.factor === 2.5);
  });

  it.each([
    [{ factor: 0 }, 'factor must be a positive number'],
    [{ factor: -1 }, 'factor must be a positive number'],
    [{ factor: 11 }, 'factor must not be greater than 10'],
    [{ factor: 0.05 }, 'factor must be between 0.1 and 10'],
    [{ factor: '2' }, 'factor must be a number conforming to the specified constraints'],
    [{}, 'factor must be a number conforming to the specified constraints'],
  ])('refuses %j with a 400 naming factor', async (body, reason) => {
    const res = await request(api.url)
      .post('/control/scale')
      .set('X-API-Key', operator)
      .send(body)
      .expect(400);
    expect(res.body.fields).toContainEqual({ field: 'factor', reason });
    expect(await setting('scale_factor')).toBe(2.5);
  });

  it('needs the operator role', async () => {
    await request(api.url).post('/control/start').expect(401);
    for (const path of ['/control/start', '/control/stop', '/control/scale']) {
      await request(api.url).post(path).set('X-API-Key', viewer).send({ factor: 2 }).expect(403);
    }
    expect(await setting('simulation_active')).toBe(false);
  });
});
