import request from 'supertest';
import { SettingDto } from '../../../src/settings/dto/setting.dto';
import { Setting } from '../../../src/settings/entities/setting.entity';
import { SETTING_KEYS } from '../../../src/settings/settings.registry';
import { Role } from '../../../src/users/entities/api-user.entity';
import { ApiHarness } from '../../support/api-harness';
import { UserFactory } from '../../support/factories/user.factory';
import { EventRecorder } from '../../support/event-recorder';

describe('settings API', () => {
  let api: ApiHarness;
  let admin: string;
  let operator: string;
  let viewer: string;
  let events: EventRecorder;

  beforeAll(async () => {
    api = await ApiHarness.start('settings');
    admin = (await UserFactory.withApiKey(api.dataSource, Role.Admin)).rawKey;
    operator = (await UserFactory.withApiKey(api.dataSource, Role.Operator)).rawKey;
    viewer = (await UserFactory.withApiKey(api.dataSource, Role.Viewer)).rawKey;
    events = await EventRecorder.start(api.config.redis.prefix);
  });
  afterAll(async () => {
    await events.stop();
    await api.stop();
  });

  const stored = async (): Promise<Record<string, unknown>> =>
    Object.fromEntries(
      (await api.dataSource.getRepository(Setting).find()).map((r) => [r.key, r.value]),
    );

  it('lists every key with defaults, sorted, in the original shape plus metadata', async () => {
    const res = await request(api.url).get('/settings').set('X-API-Key', viewer).expect(200);
    const body = res.body as SettingDto[];
    expect(body.map((s) => s.key)).toEqual(SETTING_KEYS);
    const scale = body.find((s) => s.key === 'scale_factor');
    expect(scale).toEqual({
      key: 'scale_factor',
      value: { value: 1 },
      updated_at: null,
      description: expect.stringContaining('delay'),
      live: true,
      default: 1,
    });
  });

  it('refuses anonymous callers and lets only admins change settings', async () => {
    await request(api.url).get('/settings').expect(401);
    await request(api.url)
      .patch('/settings/scale_factor')
      .set('X-API-Key', operator)
      .send({ value: 2 })
      .expect(403);
    await request(api.url)
      .put('/settings/bulk')
      .set('X-API-Key', viewer)
      .send({ updates: { scale_factor: 2 } })
      .expect(403);
    expect(await stored()).toEqual({});
  });

  it('changes one setting, stores real JSON and publishes settings_updated', async () => {
    const res = await request(api.url)
      .patch('/settings/typing_enabled')
      .set('X-API-Key', admin)
      .send({ value: false })
      .expect(200);
    expect(res.body).toMatchObject({ key: 'typing_enabled', value: { value: false } });
    expect(Date.parse((res.body as SettingDto).updated_at ?? '')).not.toBeNaN();
    const raw = await api.dataSource.query<{ t: string }[]>(
      `SELECT jsonb_typeof(value) AS t FROM settings WHERE key = 'typing_enabled'`,
    );
    expect(raw[0].t).toBe('boolean');
    await events.waitFor((e) => e.type === 'settings_updated' && e.keys.includes('typing_enabled'));
  });

  it("accepts the original's wrapped {value: X} form", async () => {
    await request(api.url)
      .patch('/settings/max_msgs_per_min')
      .set('X-API-Key', admin)
      .send({ value: { value: 9 } })
      .expect(200);
    expect((await stored()).max_msgs_per_min).toBe(9);
  });

  it('normalises message_length_profile to sum 1', async () => {
    const res = await request(api.url)
      .patch('/settings/message_length_profile')
      .set('X-API-Key', admin)
      .send({ value: { short: 2, medium: 1, long: 1 } })
      .expect(200);
    expect(res.body.value.value).toEqual({ short: 0.5, medium: 0.25, long: 0.25 });
  });

  it('answers 400 naming the key and the reason for an unknown key or a bad value', async () => {
    const unknown = await request(api.url)
      .patch('/settings/no_such_key')
      .set('X-API-Key', admin)
      .send({ value: 1 })
      .expect(400);
    expect(unknown.body).toMatchObject({
      status: 400,
      error: 'validation_failed',
      fields: [{ field: 'key', reason: 'unknown setting "no_such_key"' }],
    });
    const bad = await request(api.url)
      .patch('/settings/scale_factor')
      .set('X-API-Key', admin)
      .send({ value: 11 })
      .expect(400);
    expect(bad.body.message).toContain('scale_factor');
    expect(bad.body.fields).toEqual([
      { field: 'value', reason: 'scale_factor must be between 0.1 and 10' },
    ]);
    const stringBool = await request(api.url)
      .patch('/settings/simulation_active')
      .set('X-API-Key', admin)
      .send({ value: 'false' })
      .expect(400);
    expect(stringBool.body.fields[0].reason).toBe('simulation_active must be true or false');
    const missing = await request(api.url)
      .patch('/settings/scale_factor')
      .set('X-API-Key', admin)
      .send({})
      .expect(400);
    expect(missing.body.fields[0].field).toBe('value');
  });

  it('applies a bulk update in one go', async () => {
    const res = await request(api.url)
      .put('/settings/bulk')
      .set('X-API-Key', admin)
      .send({
        updates: { scale_factor: 2.5, prime_hours: ['10:00-11:00'], timezone: 'Europe/Berlin' },
      })
      .expect(200);
    expect((res.body as SettingDto[]).map((s) => s.key)).toEqual([
      'prime_hours',
      'scale_factor',
      'timezone',
    ]);
    const values = await stored();
    expect(values).toMatchObject({
      scale_factor: 2.5,
      prime_hours: ['10:00-11:00'],
      timezone: 'Europe/Berlin',
    });
    await events.waitFor(
      (e) =>
        e.type === 'settings_updated' &&
        ['prime_hours', 'scale_factor', 'timezone'].every((k) => e.keys.includes(k)),
    );
    const list = await request(api.url).get('/settings').set('X-API-Key', viewer).expect(200);
    const scale = (list.body as SettingDto[]).find((s) => s.key === 'scale_factor');
    expect(scale?.value).toEqual({ value: 2.5 });
    expect(scale?.updated_at).not.toBeNull();
  });

  it('writes nothing when any bulk entry is invalid, and names every bad key', async () => {
    const before = await stored();
    const res = await request(api.url)
      .put('/settings/bulk')
      .set('X-API-Key', admin)
      .send({
        updates: { scale_factor: 3, reply_probability: 1.5, bogus: true, typing_enabled: true },
      })
      .expect(400);
    expect(res.body.fields).toEqual([
      { field: 'updates.reply_probability', reason: 'reply_probability must be between 0 and 1' },
      { field: 'updates.bogus', reason: 'unknown setting "bogus"' },
    ]);
    expect(res.body.message).toContain('nothing was changed');
    expect(await stored()).toEqual(before);
  });

  it('rejects an empty or malformed bulk body', async () => {
    const empty = await request(api.url)
      .put('/settings/bulk')
      .set('X-API-Key', admin)
      .send({ updates: {} })
      .expect(400);
    expect(empty.body.fields).toEqual([
      { field: 'updates', reason: 'must contain at least one setting' },
    ]);
    const notObject = await request(api.url)
      .put('/settings/bulk')
      .set('X-API-Key', admin)
      .send({ updates: [1] })
      .expect(400);
    expect(notObject.body.fields[0].field).toBe('updates');
    const extra = await request(api.url)
      .put('/settings/bulk')
      .set('X-API-Key', admin)
      .send({ updates: { scale_factor: 1 }, other: 1 })
      .expect(400);
    expect(extra.body.fields[0].field).toBe('other');
  });
});
