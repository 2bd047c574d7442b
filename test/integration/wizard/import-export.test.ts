jest.setTimeout(120_000);

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { Bot } from '../../../src/bots/entities/bot.entity';
import { BotHolding } from '../../../src/bots/entities/bot-holding.entity';
import { BotMemory } from '../../../src/bots/entities/bot-memory.entity';
import { BotStance } from '../../../src/bots/entities/bot-stance.entity';
import { ChatBot } from '../../../src/chats/entities/chat-bot.entity';
import { Chat } from '../../../src/chats/entities/chat.entity';
import { Setting } from '../../../src/settings/entities/setting.entity';
import { ApiHarness } from '../../support/api-harness';
import { ENCRYPTION_ENV, expectErrorShape, roleKeys, RoleKeys } from '../../support/mgmt-fixtures';

type Counts = Record<string, { created: number; updated: number; unchanged: number }>;

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(__dirname, '../../fixtures', name), 'utf8')) as Record<
    string,
    unknown
  >;
}

function changes(summary: Counts): number {
  return Object.values(summary).reduce((sum, c) => sum + c.created + c.updated, 0);
}

describe('import and export', () => {
  let api: ApiHarness;
  let keys: RoleKeys;

  beforeAll(async () => {
    api = await ApiHarness.start('import', ENCRYPTION_ENV);
    keys = await roleKeys(api);
  });
  afterAll(async () => {
    await api.stop();
  });

  const http = () => request(api.url);
  const rowCounts = async (): Promise<number[]> =>
    Promise.all(
      [Bot, Chat, Setting, BotStance, BotHolding, BotMemory, ChatBot].map((e) =>
        api.dataSource.getRepository(e).count(),
      ),
    );
  const importFile = (body: unknown, dryRun = false) =>
    http()
      .post(`/import${dryRun ? '?dry_run=true' : ''}`)
      .set('X-API-Key', keys.admin)
      .send(body as object);

  it('dry-runs the original setup file: reports the changes, writes nothing', async () => {
    const before = await rowCounts();
    const res = await importFile(fixture('original-setup.json'), true).expect(200);
    expect(res.body.dry_run).toBe(true);
    expect(res.body.summary.settings).toEqual({ created: 6, updated: 0, unchanged: 0 });
    expect(res.body.summary.bots).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(res.body.summary.chats).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(res.body.summary.stances).toEqual({ created: 3, updated: 0, unchanged: 0 });
    expect(res.body.unknown_settings).toEqual(['eski_ozellik_bayragi', 'telegram_rate_limit_hits']);
    expect(await rowCounts()).toEqual(before);
  });

  it('imports the original setup file with its variants', async () => {
    const res = await importFile(fixture('original-setup.json')).expect(200);
    expect(res.body.dry_run).toBe(false);
    expect(res.body.summary.bots.created).toBe(2);
    expect((res.body.notices as string[]).join('\n')).toContain(
      'bots[0] (Deniz Analist): the token is a placeholder',
    );

    const settings = new Map(
      (await api.dataSource.getRepository(Setting).find()).map((s) => [s.key, s.value]),
    );
    expect(settings.get('simulation_active')).toBe(false);
    expect(settings.get('typing_enabled')).toBe(true);
    expect(settings.get('max_msgs_per_min')).toBe(8);
    expect(settings.get('scale_factor')).toBe(1.5);
    expect(settings.get('message_length_profile')).toEqual({ short: 0.6, medium: 0.3, long: 0.1 });
    expect(settings.has('eski_ozellik_bayragi')).toBe(false);

    const chat = await api.dataSource
      .getRepository(Chat)
      .findOneByOrFail({ chatId: -1009876543210 });
    expect(chat).toMatchObject({ title: 'Piyasa Kulübü', isEnabled: true });

    const bots = await http().get('/bots').set('X-API-Key', keys.viewer).expect(200);
    const byName = new Map((bots.body.items as { name: string }[]).map((b) => [b.name, b]));
    expect(byName.get('Deniz Analist')).toMatchObject({
      is_enabled: false,
      has_token: false,
      // Style as text and the other variants are stored normalised.
      persona_profile: {
        risk_profile: 'orta',
        style: { description: 'Ciddi, kısa paragraflar', length: 'kısa' },
      },
      emotion_profile: { signature_emoji: ['📉', '💡'], empathy: 0.5 },
    });
    expect(byName.get('Ece Gerçek')).toMatchObject({
      is_enabled: false,
      has_token: true,
      token_masked: '9876…0abc',
    });
    const deniz = await api.dataSource
      .getRepository(Bot)
      .findOneByOrFail({ name: 'Deniz Analist' });
    const stance = await api.dataSource
      .getRepository(BotStance)
      .findOneByOrFail({ botId: deniz.id, topic: 'Bankacılık' });
    expect(stance.confidence).toBeCloseTo(0.8);
    expect(
      await api.dataSource.getRepository(BotMemory).countBy({ botId: deniz.id }),
    ).toBeGreaterThanOrEqual(4);
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await rowCounts();
    const res = await importFile(fixture('original-setup.json')).expect(200);
    expect(changes(res.body.summary as Counts)).toBe(0);
    expect(res.body.summary.bots.unchanged).toBe(2);
    expect(await rowCounts()).toEqual(before);
  });

  it('imports the original bot template: placeholders disabled, words and strings converted', async () => {
    const res = await importFile(fixture('original-bot-template.json')).expect(200);
    expect(res.body.summary.bots).toEqual({ created: 3, updated: 0, unchanged: 0 });
    expect((res.body.notices as string[]).filter((n) => n.includes('placeholder'))).toHaveLength(3);
    const repo = api.dataSource.getRepository(Bot);
    const kemal = await repo.findOneByOrFail({ name: 'Kemal Temkinli' });
    expect(kemal).toMatchObject({
      username: 'kemal_uzunvade',
      isEnabled: false,
      tokenCiphertext: null,
    });
    const murat = await repo.findOneByOrFail({ name: 'Murat Makro' });
    expect(murat.isEnabled).toBe(false);
    const holding = await api.dataSource
      .getRepository(BotHolding)
      .findOneByOrFail({ botId: kemal.id });
    expect(holding).toMatchObject({ symbol: 'TUPRS', avgPrice: 145.5, size: 300 });
    const selin = await repo.findOneByOrFail({ name: 'Selin Hızlı' });
    const low = await api.dataSource.getRepository(BotStance).findOneByOrFail({ botId: selin.id });
    expect(low.confidence).toBeCloseTo(0.2);
    const again = await importFile(fixture('original-bot-template.json')).expect(200);
    expect(changes(again.body.summary as Counts)).toBe(0);
  });

  it('exports everything but tokens, and importing the export changes nothing', async () => {
    const res = await http().get('/export').set('X-API-Key', keys.operator).expect(200);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('987654321:AAFake');
    expect(text).not.toMatch(/"token/);
    expect(res.body.bots).toHaveLength(5);
    expect(res.body.chats[0]).toMatchObject({ chat_id: -1009876543210, bots: [] });
    const deniz = (
      res.body.bots as { name: string; stances: unknown[]; memories: unknown[] }[]
    ).find((b) => b.name === 'Deniz Analist');
    expect(deniz?.stances).toHaveLength(2);
    expect(deniz?.memories.length).toBeGreaterThanOrEqual(4);
    expect(res.body.settings.message_length_profile).toEqual({
      short: 0.6,
      medium: 0.3,
      long: 0.1,
    });

    const before = await rowCounts();
    const back = await importFile(res.body).expect(200);
    expect(changes(back.body.summary as Counts)).toBe(0);
    expect(await rowCounts()).toEqual(before);
  });

  it('lists every problem with its path and writes nothing', async () => {
    const before = await rowCounts();
    const res = await importFile({
      settings: { scale_factor: 99, typing_enabled: 'belki' },
      chat: { chat_id: 'grup', title: 'x' },
      bots: [
        { name: 'Geçerli', persona_profile: { tone: 'iyi' } },
        { name: '' },
        {
          name: 'Hatalı',
          active_hours: ['9-5'],
          stances: [{ topic: 'BIST', stance_text: 'x', confidence: 'emin değilim' }],
          holdings: [{ symbol: 'GARAN', avg_price: 'pahalı' }],
          persona_profile: { watchlist: ['GARAN', 42] },
          emotion_profile: { empathy: 'bazen' },
          speed_profile: { typing: { multiplier: 0 } },
        },
        { name: 'geçerli' },
      ],
    }).expect(400);
    for (const field of [
      'settings.scale_factor',
      'settings.typing_enabled',
      'chat.chat_id',
      'bots[1].name',
      'bots[2].active_hours',
      'bots[2].stances[0].confidence',
      'bots[2].holdings[0].avg_price',
      'bots[2].persona_profile.watchlist[1]',
      'bots[2].emotion_profile.empathy',
      'bots[2].speed_profile.typing.multiplier',
      'bots[3].name',
    ]) {
      expectErrorShape(res.body, 400, field);
    }
    expect(await rowCounts()).toEqual(before);
    const notObject = await importFile([1, 2]).expect(400);
    expectErrorShape(notObject.body, 400, 'body');
  });

  it('reports a token already used by another bot, naming the path, and writes nothing', async () => {
    const before = await rowCounts();
    const res = await importFile({
      bots: [
        { name: 'Yeni Bot' },
        { name: 'Hırsız', token: '987654321:AAFakeButRealShapedToken1234567890abc' },
      ],
    }).expect(400);
    expectErrorShape(res.body, 400, 'bots[1].token');
    expect(JSON.stringify(res.body)).not.toContain('AAFake');
    expect(await rowCounts()).toEqual(before);
  });

  it('needs admin to import and operator to export', async () => {
    await http().post('/import').set('X-API-Key', keys.operator).send({ bots: [] }).expect(403);
    await http().get('/export').set('X-API-Key', keys.viewer).expect(403);
  });
});
