import fc from 'fast-check';
import request from 'supertest';
import { Setting } from '../../../src/settings/entities/setting.entity';
import { SettingValueError } from '../../../src/settings/setting-parsers';
import { isSettingKey, parseSetting, SETTING_KEYS } from '../../../src/settings/settings.registry';
import { Role } from '../../../src/users/entities/api-user.entity';
import { ApiHarness } from '../../support/api-harness';
import { UserFactory } from '../../support/factories/user.factory';

/** Values near each key's type (often valid, often just off) plus arbitrary JSON. */
const value: fc.Arbitrary<unknown> = fc.oneof(
  fc.boolean(),
  fc.double({ min: -5, max: 2000, noNaN: true }),
  fc.integer({ min: -10, max: 2000 }),
  fc.constantFrom('true', 'false', 'Europe/Istanbul', 'Mars/Base', '', '10:00-12:00'),
  fc.record({ min: fc.integer({ min: -1, max: 50 }), max: fc.integer({ min: -1, max: 50 }) }),
  fc.record({
    short: fc.double({ min: -1, max: 5, noNaN: true }),
    medium: fc.double({ min: 0, max: 5, noNaN: true }),
    long: fc.double({ min: 0, max: 5, noNaN: true }),
  }),
  fc.array(fc.constantFrom('09:30-12:00', '22:00-02:00', '25:00-26:00', 'x'), { maxLength: 3 }),
  fc.array(fc.constantFrom('https://example.com/rss', 'ftp://x', 'not a url'), { maxLength: 3 }),
  fc.record({ value: fc.oneof(fc.boolean(), fc.double({ min: 0, max: 3, noNaN: true })) }),
  fc.jsonValue({ maxDepth: 2 }),
);

const key: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SETTING_KEYS) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 20 }) },
);

/** What the server stores for a value sent as JSON, or null when it must refuse it. */
function expected(k: string, v: unknown): unknown {
  if (!isSettingKey(k)) {
    return null;
  }
  let sent = JSON.parse(JSON.stringify(v)) as unknown;
  if (
    typeof sent === 'object' &&
    sent !== null &&
    !Array.isArray(sent) &&
    Object.keys(sent).length === 1 &&
    'value' in sent
  ) {
    sent = sent.value;
  }
  try {
    return JSON.parse(JSON.stringify(parseSetting(k, sent))) as unknown;
  } catch (error) {
    if (error instanceof SettingValueError) {
      return null;
    }
    throw error;
  }
}

function expectErrorShape(body: unknown): void {
  expect(body).toMatchObject({
    status: 400,
    error: expect.stringMatching(/^(validation_failed|bad_request)$/),
    message: expect.any(String),
  });
  const fields = (body as { fields?: unknown[] }).fields ?? [];
  for (const f of fields) {
    expect(f).toEqual({ field: expect.any(String), reason: expect.any(String) });
  }
}

describe('settings endpoints under generated input', () => {
  let api: ApiHarness;
  let admin: string;

  beforeAll(async () => {
    api = await ApiHarness.start('settings_pbt');
    admin = (await UserFactory.withApiKey(api.dataSource, Role.Admin)).rawKey;
  });
  afterAll(async () => {
    await api.stop();
  });

  const snapshot = async (): Promise<Record<string, unknown>> =>
    Object.fromEntries(
      (await api.dataSource.getRepository(Setting).find()).map((r) => [r.key, r.value]),
    );

  it('PATCH /settings/{key}: never 5xx, stores exactly the parsed value or changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(key, value, async (k, v) => {
        const before = await snapshot();
        const res = await request(api.url)
          .patch(`/settings/${encodeURIComponent(k)}`)
          .set('X-API-Key', admin)
          .send({ value: v });
        expect(res.status).toBeLessThan(500);
        const want = expected(k, v);
        const after = await snapshot();
        if (want === null) {
          expect(res.status).toBe(400);
          expectErrorShape(res.body);
          expect(after).toEqual(before);
        } else {
          expect(res.status).toBe(200);
          expect(after[k]).toEqual(want);
          expect({ ...after, [k]: undefined }).toEqual({ ...before, [k]: undefined });
        }
      }),
      { numRuns: 120 },
    );
  }, 90_000);

  it('PUT /settings/bulk: never 5xx, all entries written or none', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), async (updates) => {
        const before = await snapshot();
        const res = await request(api.url)
          .put('/settings/bulk')
          .set('X-API-Key', admin)
          .send({ updates });
        expect(res.status).toBeLessThan(500);
        const wants = Object.entries(updates).map(([k, v]) => [k, expected(k, v)] as const);
        const after = await snapshot();
        if (wants.some(([, w]) => w === null)) {
          expect(res.status).toBe(400);
          expectErrorShape(res.body);
          expect(after).toEqual(before);
        } else {
          expect(res.status).toBe(200);
          for (const [k, w] of wants) {
            expect(after[k]).toEqual(w);
          }
        }
      }),
      { numRuns: 120 },
    );
  }, 90_000);
});
