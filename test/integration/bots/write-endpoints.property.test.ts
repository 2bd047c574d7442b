jest.setTimeout(300_000);

import fc from 'fast-check';
import request from 'supertest';
import { Bot } from '../../../src/bots/entities/bot.entity';
import { preparePersonaFields } from '../../../src/bots/persona/persona-fields.util';
import { isSafeText } from '../../../src/common/validation/safe-text';
import { ApiHarness } from '../../support/api-harness';
import { ENCRYPTION_ENV, roleKeys, RoleKeys } from '../../support/mgmt-fixtures';

/**
 * Property: whatever body a client sends to a write endpoint of bots, chats, wizard, import and
 * demo, the answer is never a 5xx, every error has the one documented shape, a refused request
 * leaves no row behind (counted before and after), and an accepted one leaves every persona
 * stored in its normalised form.
 */

const nastyString = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    '-1001234567890',
    'true',
    'yüksek',
    '25:00-26:00',
    'x'.repeat(2100),
  ),
);
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(nastyString, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 3 }),
);
const maybe = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: nastyValue });

const token = fc
  .tuple(fc.integer({ min: 100_000, max: 999_999_999 }), fc.stringMatching(/^[A-Za-z0-9_-]{35}$/))
  .map(([id, secret]) => `${id}:${secret}`);
const name = fc
  .string({ minLength: 1, maxLength: 30 })
  .filter((s) => s.trim().length > 0 && isSafeText(s));
const profile = fc.dictionary(fc.stringMatching(/^[a-z_]{1,10}$/), fc.jsonValue({ maxDepth: 3 }), {
  maxKeys: 4,
});
const hours = fc.constantFrom(['09:00-18:00'], [], ['22:00-02:00', '10:00-11:00']);
const topic = fc.constantFrom('BIST', 'FX', 'Kripto', 'Makro', 'Altın');
const symbol = fc.constantFrom('GARAN', 'thyao', 'BTCUSDT', 'XU030.E');
const chatId = fc.oneof(
  fc.integer({ min: -1_009_999_999_999, max: -1 }),
  fc.constant('-1001234567890'),
);

// The persona variants of SPEC 7.2/7.12 (mixed with nasty values by `maybe`).
const level = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constantFrom('yüksek', 'orta', 'düşük', 'çok yüksek', 'low', 'yüksek - dinler', 7, '0.4'),
);
const personaVariant = fc.record(
  {
    tone: maybe(fc.string({ maxLength: 30 })),
    risk_profile: maybe(fc.constantFrom('düşük risk, uzun vade', 'agresif', 'orta', 0.9, 'low')),
    watchlist: maybe(
      fc.oneof(fc.array(symbol, { maxLength: 4 }), fc.constantFrom('THYAO, ASELS', 'gram altın')),
    ),
    never_do: maybe(
      fc.oneof(
        fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
        fc.string({ maxLength: 30 }),
      ),
    ),
    style: maybe(
      fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.record(
          {
            emojis: maybe(fc.oneof(fc.boolean(), fc.constantFrom('evet', 'false'))),
            length: maybe(fc.constantFrom('kısa', 'kısa-orta', 'uzun', 200)),
            disclaimer: maybe(fc.oneof(fc.boolean(), fc.constant('yatırım tavsiyesi değildir'))),
          },
          { requiredKeys: [] },
        ),
      ),
    ),
  },
  { requiredKeys: [] },
);
const emotionVariant = fc.record(
  {
    tone: maybe(fc.string({ maxLength: 30 })),
    empathy: maybe(level),
    energy: maybe(level),
    signature_emoji: maybe(
      fc.oneof(fc.constantFrom('🚀', '🚀📈', '🚀, 📈'), fc.array(fc.constantFrom('📊', '🤝'))),
    ),
    signature_phrases: maybe(fc.array(fc.string({ maxLength: 30 }), { maxLength: 3 })),
    anecdotes: maybe(
      fc.oneof(fc.string({ maxLength: 60 }), fc.array(fc.string({ maxLength: 30 }))),
    ),
  },
  { requiredKeys: [] },
);
const speedNumber = (min: number, max: number) =>
  fc.oneof(fc.double({ min, max, noNaN: true }), fc.constantFrom(String(min), String(max)));
const speedVariant = fc.oneof(
  fc.record(
    {
      delay: maybe(
        fc.oneof(
          speedNumber(3, 3600),
          fc.record(
            {
              base_delay_seconds: maybe(speedNumber(3, 3600)),
              multiplier: maybe(speedNumber(0.1, 10)),
              jitter: maybe(speedNumber(0, 1)),
            },
            { requiredKeys: [] },
          ),
        ),
      ),
      typing: maybe(
        fc.record(
          {
            wpm: maybe(
              fc.oneof(
                speedNumber(0.5, 600),
                fc.tuple(speedNumber(0.5, 5), speedNumber(5, 600)),
                fc.record({ min: speedNumber(0.5, 5), max: speedNumber(5, 600) }),
              ),
            ),
            multiplier: maybe(speedNumber(0.2, 5)),
          },
          { requiredKeys: [] },
        ),
      ),
    },
    { requiredKeys: [] },
  ),
  fc.record(
    { base_delay_seconds: maybe(speedNumber(3, 3600)), typing_wpm: maybe(speedNumber(1, 60)) },
    { requiredKeys: [] },
  ),
);

const botBody = fc.record(
  {
    name: maybe(name),
    token: maybe(fc.oneof(token, fc.constant(null))),
    username: maybe(fc.stringMatching(/^@?[a-z_]{3,12}$/)),
    is_enabled: maybe(fc.boolean()),
    speed_profile: maybe(fc.oneof(profile, speedVariant)),
    active_hours: maybe(hours),
    persona_hint: maybe(fc.string({ maxLength: 40 })),
    persona_profile: maybe(fc.oneof(profile, personaVariant)),
    emotion_profile: maybe(fc.oneof(profile, emotionVariant)),
    llm_model: maybe(fc.constantFrom('gpt-4o-mini', 'llama3:8b', null)),
    status: maybe(fc.constantFrom('active', 'paused', 'error')),
    extra: nastyValue,
  },
  { requiredKeys: [] },
);
const stanceBody = fc.record(
  {
    topic: maybe(topic),
    stance_text: maybe(fc.string({ minLength: 1, maxLength: 40 })),
    confidence: maybe(fc.double({ min: 0, max: 1, noNaN: true })),
    cooldown_until: maybe(fc.constantFrom('2030-01-01T00:00:00Z', null)),
  },
  { requiredKeys: [] },
);
const holdingBody = fc.record(
  {
    symbol: maybe(symbol),
    avg_price: maybe(fc.double({ min: 0, max: 1e6, noNaN: true })),
    size: maybe(fc.integer({ min: -1000, max: 100000 })),
    note: maybe(fc.oneof(fc.string({ maxLength: 30 }), fc.constant(null))),
  },
  { requiredKeys: [] },
);
const memoryBody = fc.record(
  {
    memory_type: maybe(
      fc.constantFrom('routine', 'preference', 'past_event', 'relationship', 'personal_fact'),
    ),
    content: maybe(fc.string({ minLength: 1, maxLength: 40 })),
    relevance_score: maybe(fc.double({ min: 0, max: 1, noNaN: true })),
  },
  { requiredKeys: [] },
);
const chatBody = fc.record(
  {
    chat_id: maybe(chatId),
    title: maybe(fc.string({ maxLength: 30 })),
    is_enabled: maybe(fc.boolean()),
    topics: maybe(fc.array(topic, { maxLength: 4 })),
    timezone: maybe(fc.constantFrom('Europe/Istanbul', 'UTC', null, 'Mars/Base')),
  },
  { requiredKeys: [] },
);
const anyTopLevel = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant([]), fc.constant('text'));

describe('write endpoints under generated bodies', () => {
  let api: ApiHarness;
  let keys: RoleKeys;
  let botId: number;
  let chatDbId: number;
  let stanceId: number;
  let holdingId: number;
  let memoryId: number;

  beforeAll(async () => {
    api = await ApiHarness.start('write_props', ENCRYPTION_ENV);
    keys = await roleKeys(api);
    const http = request(api.url);
    botId = (
      await http.post('/bots').set('X-API-Key', keys.operator).send({ name: 'Temel' }).expect(201)
    ).body.id as number;
    chatDbId = (
      await http
        .post('/chats')
        .set('X-API-Key', keys.operator)
        .send({ chat_id: -100111 })
        .expect(201)
    ).body.id as number;
    stanceId = (
      await http
        .post(`/bots/${botId}/stances`)
        .set('X-API-Key', keys.operator)
        .send({ topic: 'BIST', stance_text: 'x' })
        .expect(201)
    ).body.id as number;
    holdingId = (
      await http
        .post(`/bots/${botId}/holdings`)
        .set('X-API-Key', keys.operator)
        .send({ symbol: 'GARAN' })
        .expect(201)
    ).body.id as number;
    memoryId = (
      await http
        .post(`/bots/${botId}/memories`)
        .set('X-API-Key', keys.operator)
        .send({ memory_type: 'routine', content: 'x' })
        .expect(201)
    ).body.id as number;
  });
  afterAll(async () => {
    await api.stop();
  });

  const rowCounts = async (): Promise<string> =>
    JSON.stringify(
      await api.dataSource.query(
        `SELECT (SELECT count(*) FROM bots) AS bots, (SELECT count(*) FROM chats) AS chats,
                (SELECT count(*) FROM bot_stances) AS stances, (SELECT count(*) FROM bot_holdings) AS holdings,
                (SELECT count(*) FROM bot_memories) AS memories, (SELECT count(*) FROM chat_bots) AS chat_bots,
                (SELECT count(*) FROM settings) AS settings`,
      ),
    );

  /** Sends one body and checks the three properties. */
  async function check(
    method: 'post' | 'patch' | 'put',
    path: string,
    body: unknown,
    key: string,
  ): Promise<void> {
    const before = await rowCounts();
    const res = await request(api.url)
      [method](path)
      .set('X-API-Key', key)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(body));
    expect(res.status).toBeLessThan(500);
    if (res.status >= 400) {
      const error = res.body as {
        status: unknown;
        error: unknown;
        message: unknown;
        fields?: unknown;
      };
      expect(error.status).toBe(res.status);
      expect(typeof error.error).toBe('string');
      expect(typeof error.message).toBe('string');
      if (error.fields !== undefined) {
        expect(Array.isArray(error.fields)).toBe(true);
        for (const f of error.fields as { field: unknown; reason: unknown }[]) {
          expect(typeof f.field).toBe('string');
          expect(typeof f.reason).toBe('string');
        }
      }
      expect(await rowCounts()).toBe(before);
    } else {
      await expectPersonasStoredNormalised();
    }
  }

  /**
   * Every stored persona is already in the form the engine reads (normalising it again changes
   * nothing and finds no error), so no stored value can surprise a turn.
   */
  async function expectPersonasStoredNormalised(): Promise<void> {
    const bots = await api.dataSource.getRepository(Bot).find();
    for (const bot of bots) {
      const stored = {
        persona_profile: bot.personaProfile,
        emotion_profile: bot.emotionProfile,
        speed_profile: bot.speedProfile,
        active_hours: bot.activeHours,
      };
      const again = preparePersonaFields(stored);
      expect(again.errors).toEqual([]);
      expect(again.fields).toEqual(stored);
    }
  }

  const runs = { numRuns: 30 };
  const cases: [
    string,
    'post' | 'patch' | 'put',
    () => string,
    fc.Arbitrary<unknown>,
    keyof RoleKeys,
  ][] = [
    ['POST /bots', 'post', () => '/bots', fc.oneof(botBody, anyTopLevel), 'operator'],
    [
      'PATCH /bots/:id',
      'patch',
      () => `/bots/${botId}`,
      fc.oneof(botBody, anyTopLevel),
      'operator',
    ],
    [
      'PUT /bots/:id/persona',
      'put',
      () => `/bots/${botId}/persona`,
      fc.oneof(personaVariant, profile, anyTopLevel, nastyValue),
      'operator',
    ],
    [
      'PUT /bots/:id/emotion',
      'put',
      () => `/bots/${botId}/emotion`,
      fc.oneof(emotionVariant, profile, anyTopLevel, nastyValue),
      'operator',
    ],
    ['POST /bots/:id/stances', 'post', () => `/bots/${botId}/stances`, stanceBody, 'operator'],
    ['PATCH /bots/stances/:id', 'patch', () => `/bots/stances/${stanceId}`, stanceBody, 'operator'],
    ['POST /bots/:id/holdings', 'post', () => `/bots/${botId}/holdings`, holdingBody, 'operator'],
    [
      'PATCH /bots/holdings/:id',
      'patch',
      () => `/bots/holdings/${holdingId}`,
      holdingBody,
      'operator',
    ],
    ['POST /bots/:id/memories', 'post', () => `/bots/${botId}/memories`, memoryBody, 'operator'],
    [
      'PATCH /bots/memories/:id',
      'patch',
      () => `/bots/memories/${memoryId}`,
      memoryBody,
      'operator',
    ],
    ['POST /chats', 'post', () => '/chats', fc.oneof(chatBody, anyTopLevel), 'operator'],
    ['PATCH /chats/:id', 'patch', () => `/chats/${chatDbId}`, chatBody, 'operator'],
    [
      'PUT /chats/:id/bots',
      'put',
      () => `/chats/${chatDbId}/bots`,
      fc.oneof(
        fc.record({ bot_ids: maybe(fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 3 })) }),
        anyTopLevel,
      ),
      'operator',
    ],
    [
      'POST /wizard/setup',
      'post',
      () => '/wizard/setup',
      fc.record(
        {
          bot: maybe(botBody),
          chat: maybe(chatBody),
          persona: maybe(fc.oneof(profile, personaVariant)),
          emotion: maybe(fc.oneof(profile, emotionVariant)),
          stances: maybe(fc.array(stanceBody, { maxLength: 2 })),
          holdings: maybe(fc.array(holdingBody, { maxLength: 2 })),
          start: maybe(fc.boolean()),
        },
        { requiredKeys: [] },
      ),
      'operator',
    ],
    [
      'POST /import',
      'post',
      () => '/import',
      fc.oneof(
        fc.record(
          {
            settings: maybe(
              fc.dictionary(
                fc.constantFrom('scale_factor', 'simulation_active', 'timezone', 'unknown_key'),
                nastyValue,
                { maxKeys: 3 },
              ),
            ),
            chat: maybe(chatBody),
            bots: maybe(
              fc.array(
                fc.record(
                  {
                    name: maybe(name),
                    token: maybe(fc.oneof(token, fc.constant('BOT_TOKEN_1'))),
                    persona_profile: maybe(personaVariant),
                    emotion_profile: maybe(emotionVariant),
                    speed_profile: maybe(speedVariant),
                    stances: maybe(fc.array(stanceBody, { maxLength: 2 })),
                    holdings: maybe(fc.array(holdingBody, { maxLength: 2 })),
                  },
                  { requiredKeys: [] },
                ),
                { maxLength: 3 },
              ),
            ),
          },
          { requiredKeys: [] },
        ),
        anyTopLevel,
      ),
      'admin',
    ],
    [
      'POST /demo-bots/create',
      'post',
      () => '/demo-bots/create',
      fc.record({ count: maybe(fc.integer({ min: 1, max: 2 })) }),
      'admin',
    ],
  ];

  it.each(cases)(
    '%s: never a 5xx, always the error shape, nothing half-written',
    async (_label, method, path, body, role) => {
      await fc.assert(
        fc.asyncProperty(body, async (value) => {
          await check(method, path(), value, keys[role]);
        }),
        runs,
      );
    },
  );

  it('refuses unknown or malformed ids without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 12 }),
          fc.integer().map(String),
          fc.constant('99999999999'),
        ),
        async (id) => {
          const res = await request(api.url)
            .get(`/bots/${encodeURIComponent(id)}`)
            .set('X-API-Key', keys.viewer);
          expect(res.status).toBeLessThan(500);
        },
      ),
      runs,
    );
  });
});
