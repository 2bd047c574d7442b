jest.setTimeout(120_000);

import request from 'supertest';
import { Bot } from '../../../src/bots/entities/bot.entity';
import { BotStance } from '../../../src/bots/entities/bot-stance.entity';
import { ChatBot } from '../../../src/chats/entities/chat-bot.entity';
import { Chat } from '../../../src/chats/entities/chat.entity';
import { Setting } from '../../../src/settings/entities/setting.entity';
import { ApiHarness } from '../../support/api-harness';
import {
  ENCRYPTION_ENV,
  expectErrorShape,
  fakeToken,
  roleKeys,
  RoleKeys,
} from '../../support/mgmt-fixtures';

describe('setup wizard', () => {
  let api: ApiHarness;
  let keys: RoleKeys;

  beforeAll(async () => {
    api = await ApiHarness.start('wizard', ENCRYPTION_ENV);
    keys = await roleKeys(api);
  });
  afterAll(async () => {
    await api.stop();
  });

  const http = () => request(api.url);
  const counts = async (): Promise<number[]> =>
    Promise.all([
      api.dataSource.getRepository(Bot).count(),
      api.dataSource.getRepository(Chat).count(),
      api.dataSource.getRepository(BotStance).count(),
    ]);

  it('serves an example body that sets everything up in one call, and starts', async () => {
    const example = await http().get('/wizard/example').set('X-API-Key', keys.viewer).expect(200);
    const body = { ...example.body, start: true };
    const res = await http()
      .post('/wizard/setup')
      .set('X-API-Key', keys.operator)
      .send(body)
      .expect(201);
    expect(res.body).toMatchObject({
      bot: {
        name: 'Mehmet Yatırımcı',
        has_token: false,
        // The example's words, stored as the engine reads them.
        persona_profile: {
          tone: 'sabırlı ve tecrübeli',
          risk_profile: 'düşük',
          watchlist: ['GARAN', 'THYAO', 'XAU'],
          style: { emojis: true, length: 'kısa', disclaimer: true },
        },
        emotion_profile: { empathy: 0.7, energy: 0.5, signature_emoji: ['📊', '🤝'] },
      },
      chat: { chat_id: -1001234567890, title: 'Borsa Sohbet' },
      chat_created: true,
      started: true,
    });
    expect(res.body.stances).toHaveLength(2);
    expect((res.body.holdings as { symbol: string }[]).map((h) => h.symbol)).toEqual([
      'GARAN',
      'XAUUSD',
    ]);
    expect(res.body.memories_seeded).toBeGreaterThanOrEqual(4);
    const setting = await api.dataSource
      .getRepository(Setting)
      .findOneByOrFail({ key: 'simulation_active' });
    expect(setting.value).toBe(true);
  });

  it('refuses a clearly wrong persona naming the wizard field, and writes nothing', async () => {
    const before = await counts();
    const res = await http()
      .post('/wizard/setup')
      .set('X-API-Key', keys.operator)
      .send({
        bot: { name: 'Yanlış', speed_profile: { delay: { multiplier: 50 } } },
        chat: { chat_id: -1005550000001 },
        persona: { risk_profile: 'mor' },
        emotion: { energy: 'uçuk' },
      })
      .expect(400);
    expect((res.body.fields as { field: string }[]).map((f) => f.field)).toEqual([
      'bot.speed_profile.delay.multiplier',
      'persona.risk_profile',
      'emotion.energy',
    ]);
    expect(await counts()).toEqual(before);
  });

  it('reuses an existing chat and joins its member list', async () => {
    const chat = await api.dataSource
      .getRepository(Chat)
      .findOneByOrFail({ chatId: -1001234567890 });
    const first = await api.dataSource
      .getRepository(Bot)
      .findOneByOrFail({ name: 'Mehmet Yatırımcı' });
    await api.dataSource.getRepository(ChatBot).insert({ chatDbId: chat.id, botId: first.id });
    const res = await http()
      .post('/wizard/setup')
      .set('X-API-Key', keys.operator)
      .send({ bot: { name: 'İkinci', token: fakeToken() }, chat: { chat_id: '-1001234567890' } })
      .expect(201);
    expect(res.body).toMatchObject({
      chat_created: false,
      chat: { id: chat.id },
      bot: { has_token: true },
      started: false,
    });
    expect(await api.dataSource.getRepository(ChatBot).countBy({ chatDbId: chat.id })).toBe(2);
  });

  it('names nested fields on validation errors and writes nothing', async () => {
    const before = await counts();
    const res = await http()
      .post('/wizard/setup')
      .set('X-API-Key', keys.operator)
      .send({
        bot: { name: 'Yarım' },
        chat: { chat_id: -100123, timezone: 'Nowhere/Land' },
        stances: [{ topic: 'BIST', stance_text: 'x', confidence: 2 }],
      })
      .expect(400);
    expectErrorShape(res.body, 400, 'stances[0].confidence');
    expectErrorShape(res.body, 400, 'chat.timezone');
    expect(await counts()).toEqual(before);
  });

  it('rolls everything back when a later step fails (token already used)', async () => {
    const token = fakeToken();
    await http()
      .post('/bots')
      .set('X-API-Key', keys.operator)
      .send({ name: 'Sahibi', token })
      .expect(201);
    const before = await counts();
    const res = await http()
      .post('/wizard/setup')
      .set('X-API-Key', keys.operator)
      .send({
        bot: { name: 'Kopya', token },
        chat: { chat_id: -100456 },
        stances: [{ topic: 'BIST', stance_text: 'olumlu' }],
      })
      .expect(409);
    expectErrorShape(res.body, 409, 'token');
    expect(await counts()).toEqual(before);
  });

  it('needs the operator role to set up', async () => {
    await http().post('/wizard/setup').set('X-API-Key', keys.viewer).send({}).expect(403);
    await http().get('/wizard/example').expect(401);
  });
});
