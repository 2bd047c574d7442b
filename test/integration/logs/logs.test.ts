import request from 'supertest';
import { Bot } from '../../../src/bots/entities/bot.entity';
import { Chat } from '../../../src/chats/entities/chat.entity';
import { LogEntryDto, LogsPageDto } from '../../../src/logs/dto/log-entry.dto';
import { MessageState } from '../../../src/messages/entities/message.entity';
import { Role } from '../../../src/users/entities/api-user.entity';
import { ApiHarness } from '../../support/api-harness';
import { MessageFactory } from '../../support/factories/message.factory';
import { UserFactory } from '../../support/factories/user.factory';

describe('logs API', () => {
  let api: ApiHarness;
  let viewer: string;
  let ayse: Bot;
  let mehmet: Bot;
  let bist: Chat;
  let kripto: Chat;
  const base = new Date('2026-11-20T10:00:00.000Z');
  /** Ids newest first, the order the API must return. */
  let expectedOrder: number[];

  beforeAll(async () => {
    api = await ApiHarness.start('logs');
    viewer = (await UserFactory.withApiKey(api.dataSource, Role.Viewer)).rawKey;
    [ayse, mehmet] = await api.dataSource
      .getRepository(Bot)
      .save([{ name: 'Ayşe' }, { name: 'Mehmet' }]);
    [bist, kripto] = await api.dataSource.getRepository(Chat).save([
      { chatId: -1001, title: 'BIST Sohbet' },
      { chatId: -1002, title: 'Kripto' },
    ]);
    const created: { id: number; at: number }[] = [];
    for (let i = 0; i < 30; i++) {
      // Groups of three share one instant (down to the microsecond): the id breaks the tie.
      const at = new Date(base.getTime() + Math.floor(i / 3) * 1000 + 123);
      const m = await MessageFactory.create(api.dataSource, {
        botId: i % 2 === 0 ? ayse.id : mehmet.id,
        chatDbId: i % 3 === 0 ? kripto.id : bist.id,
        text: i === 7 ? 'Dolar %50 yükselir mi?' : `mesaj ${i}`,
        state: i % 5 === 0 ? MessageState.Failed : MessageState.Sent,
        createdAt: at,
      });
      created.push({ id: Number(m.id), at: at.getTime() });
    }
    // Microsecond-precise instants that JavaScript dates cannot represent.
    await api.dataSource.query(
      `UPDATE messages SET created_at = created_at + interval '456 microseconds'`,
    );
    expectedOrder = created.sort((a, b) => b.at - a.at || b.id - a.id).map((c) => c.id);
  });
  afterAll(async () => {
    await api.stop();
  });

  const get = (path: string) => request(api.url).get(path).set('X-API-Key', viewer);

  it('walks every message exactly once, newest first, through the cursor', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(`/logs?limit=7${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
      const page = res.body as LogsPageDto;
      seen.push(...page.items.map((m) => m.id));
      cursor = page.next_cursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen).toEqual(expectedOrder);
  });

  it('keeps pages stable when new messages arrive between requests', async () => {
    const first = (await get('/logs?limit=10').expect(200)).body as LogsPageDto;
    const extra = await MessageFactory.create(api.dataSource, { botId: ayse.id, text: 'yeni' });
    const second = (await get(`/logs?limit=10&cursor=${first.next_cursor}`).expect(200))
      .body as LogsPageDto;
    expect(second.items.map((m) => m.id)).toEqual(expectedOrder.slice(10, 20));
    await api.dataSource.query('DELETE FROM messages WHERE id = $1', [extra.id]);
  });

  it('returns the fields of a message with bot and chat names', async () => {
    const res = await get(`/logs?limit=1&q=${encodeURIComponent('%50')}`).expect(200);
    const [entry] = (res.body as LogsPageDto).items;
    expect(entry).toMatchObject({
      bot_id: mehmet.id,
      bot_name: 'Mehmet',
      chat_db_id: bist.id,
      chat_title: 'BIST Sohbet',
      text: 'Dolar %50 yükselir mi?',
      state: 'sent',
      kind: 'text',
      msg_metadata: {},
    });
    expect(entry.created_at).toMatch(/^2026-11-20T10:00:02\.123Z$/);
  });

  it('filters by bot, chat, text, time range, states and before', async () => {
    const ids = async (query: string): Promise<number[]> =>
      ((await get(`/logs?limit=500&${query}`).expect(200)).body as LogsPageDto).items.map(
        (m: LogEntryDto) => m.id,
      );
    expect(await ids(`bot_id=${ayse.id}`)).toHaveLength(15);
    expect(await ids(`chat_id=${kripto.id}`)).toHaveLength(10);
    expect(await ids(`bot_id=${ayse.id}&chat_id=${kripto.id}`)).toHaveLength(5);
    // "%" is literal: only the one message containing "%50", not every message.
    expect(await ids(`q=${encodeURIComponent('%5')}`)).toHaveLength(1);
    expect(await ids('q=DOLAR')).toHaveLength(1);
    expect(await ids('q=_')).toHaveLength(0);
    expect(await ids(`from=2026-11-20T10:00:02.000Z&to=2026-11-20T10:00:04.000Z`)).toEqual(
      expectedOrder.slice(-12, -6),
    );
    expect(await ids('state=failed')).toHaveLength(6);
    expect(await ids('state=failed,sent')).toHaveLength(30);
    expect(await ids('state=failed&state=skipped')).toHaveLength(6);
    const newest = expectedOrder[0];
    expect(await ids(`before=${newest}`)).not.toContain(newest);
  });

  it('answers 400 naming the field for bad parameters', async () => {
    const cases: [string, string][] = [
      ['cursor=abc', 'cursor'],
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['state=sent,lost', 'state'],
      ['from=yesterday', 'from'],
      ['bot_id=x', 'bot_id'],
      ['q=', 'q'],
      ['unknown=1', 'unknown'],
    ];
    for (const [query, field] of cases) {
      const res = await get(`/logs?${query}`);
      expect([query, res.status]).toEqual([query, 400]);
      const fields = (res.body as { fields: { field: string }[] }).fields;
      expect(fields.map((f) => f.field)).toContain(field);
    }
  });

  it('lists recent messages in the original shape (a plain list)', async () => {
    const res = await get('/logs/recent?limit=3').expect(200);
    expect((res.body as LogEntryDto[]).map((m) => m.id)).toEqual(expectedOrder.slice(0, 3));
    expect(((await get('/logs/recent').expect(200)).body as unknown[]).length).toBe(20);
    await get('/logs/recent?limit=201').expect(400);
  });

  it('shows each message in a page exactly as /logs/recent shows it', async () => {
    await api.dataSource.query(
      `UPDATE messages SET msg_metadata = '{"topic": "FX", "symbols": ["USDTRY"], "q": "\\"x\\""}',
              sent_at = created_at + interval '1.5 seconds', telegram_message_id = id + 5000
       WHERE id = $1`,
      [expectedOrder[1]],
    );
    const page = (await get('/logs?limit=20').expect(200)).body as LogsPageDto;
    const recent = (await get('/logs/recent?limit=20').expect(200)).body as LogEntryDto[];
    expect(page.items).toEqual(recent);
    expect(page.items[1]).toMatchObject({
      msg_metadata: { topic: 'FX', symbols: ['USDTRY'], q: '"x"' },
      telegram_message_id: expectedOrder[1] + 5000,
    });
    const empty = (await get('/logs?q=nothing-like-this').expect(200)).body as LogsPageDto;
    expect(empty).toEqual({ items: [], next_cursor: null });
  });

  it('needs authentication', async () => {
    await request(api.url).get('/logs').expect(401);
    await request(api.url).get('/logs/recent').expect(401);
    await request(api.url).get('/logs/export.csv').expect(401);
  });
});
