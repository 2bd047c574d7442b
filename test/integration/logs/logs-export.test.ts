import request from 'supertest';
import { Bot } from '../../../src/bots/entities/bot.entity';
import { Role } from '../../../src/users/entities/api-user.entity';
import { ApiHarness } from '../../support/api-harness';
import { MessageFactory } from '../../support/factories/message.factory';
import { UserFactory } from '../../support/factories/user.factory';

/** A strict RFC 4180 reader, to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  if (cell !== '' || row.length > 0) {
    throw new Error('CSV does not end with CRLF');
  }
  return rows;
}

describe('GET /logs/export.csv', () => {
  let api: ApiHarness;
  let viewer: string;
  let bot: Bot;

  const tricky = [
    'virgül, tırnak "alıntı" ve\nyeni satır',
    '=HYPERLINK("http://kötü.example","tıkla")',
    '+90 555 000 00 00',
    '-5 puan düştü',
    '@herkes bakın',
  ];

  beforeAll(async () => {
    api = await ApiHarness.start('logs_csv');
    viewer = (await UserFactory.withApiKey(api.dataSource, Role.Viewer)).rawKey;
    bot = await api.dataSource.getRepository(Bot).save({ name: '=Bot, "Tırnaklı"' });
    for (const [i, text] of tricky.entries()) {
      await MessageFactory.create(api.dataSource, {
        botId: bot.id,
        text,
        createdAt: new Date(Date.UTC(2026, 10, 21, 12, 0, i)),
      });
    }
    // Enough rows for several export batches.
    await api.dataSource.query(
      `INSERT INTO messages (text, state, created_at)
       SELECT 'toplu ' || g, 'sent', timestamptz '2026-11-01T00:00:00Z' + g * interval '1 second'
       FROM generate_series(1, 4500) g`,
    );
  });
  afterAll(async () => {
    await api.stop();
  });

  const exportCsv = (query = '') =>
    request(api.url)
      .get(`/logs/export.csv${query}`)
      .set('X-API-Key', viewer)
      .buffer(true)
      .parse((res, done) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (data += chunk));
        res.on('end', () => done(null, data));
      });

  it('streams every row as a CSV file, newest first, in batches', async () => {
    const res = await exportCsv().expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="logs.csv"');
    const text = res.body as string;
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual([
      'id',
      'created_at',
      'sent_at',
      'state',
      'state_reason',
      'kind',
      'bot_id',
      'bot_name',
      'chat_db_id',
      'chat_title',
      'telegram_message_id',
      'reply_to_message_id',
      'text',
    ]);
    expect(rows).toHaveLength(1 + tricky.length + 4500);
    const ids = rows.slice(1).map((r) => Number(r[0]));
    expect(new Set(ids).size).toBe(ids.length);
    expect(rows[rows.length - 1][12]).toBe('toplu 1');
  });

  it('escapes quotes, commas and newlines and neutralises formulas', async () => {
    const res = await exportCsv(`?bot_id=${bot.id}`).expect(200);
    const rows = parseCsv((res.body as string).slice(1)).slice(1);
    expect(rows.map((r) => r[12])).toEqual([
      "'@herkes bakın",
      "'-5 puan düştü",
      "'+90 555 000 00 00",
      `'=HYPERLINK("http://kötü.example","tıkla")`,
      'virgül, tırnak "alıntı" ve\nyeni satır',
    ]);
    expect(rows[0][7]).toBe(`'=Bot, "Tırnaklı"`);
    expect(rows.every((r) => r.length === 13)).toBe(true);
  });

  it('applies the same filters as GET /logs and validates them', async () => {
    const res = await exportCsv('?q=tırnak').expect(200);
    expect(parseCsv((res.body as string).slice(1))).toHaveLength(2);
    const bad = await request(api.url)
      .get('/logs/export.csv?state=lost')
      .set('X-API-Key', viewer)
      .expect(400);
    expect(bad.body.fields[0].field).toBe('state');
  });
});
