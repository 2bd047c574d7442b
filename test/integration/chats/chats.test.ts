jest.setTimeout(120_000);

import Redis from 'ioredis';
import request from 'supertest';
import { ChatBot, ChatBotStatus } from '../../../src/chats/entities/chat-bot.entity';
import { Message, MessageState } from '../../../src/messages/entities/message.entity';
import { ApiHarness } from '../../support/api-harness';
import { ENCRYPTION_ENV, expectErrorShape, roleKeys, RoleKeys } from '../../support/mgmt-fixtures';
import { TEST_REDIS_URL } from '../../support/test-env';

describe('chats API', () => {
  let api: ApiHarness;
  let keys: RoleKeys;

  beforeAll(async () => {
    api = await ApiHarness.start('chats', ENCRYPTION_ENV);
    keys = await roleKeys(api);
  });
  afterAll(async () => {
    await api.stop();
  });

  const http = () => request(api.url);
  interface Row {
    id: number;
    bot_id: number;
    status: string;
  }
  const items = (body: unknown): Row[] => (body as { items: Row[] }).items;
  const newBot = async (name: string): Promise<number> =>
    (await http().post('/bots').set('X-API-Key', keys.operator).send({ name }).expect(201)).body
      .id as number;

  it('creates a supergroup chat with a chat id beyond 2^32, as number or string', async () => {
    const res = await http()
      .post('/chats')
      .set('X-API-Key', keys.operator)
      .send({ chat_id: '-1001234567890', title: 'Borsa Sohbet', timezone: 'Europe/Istanbul' })
      .expect(201);
    expect(res.body).toMatchObject({
      chat_id: -1001234567890,
      title: 'Borsa Sohbet',
      is_enabled: true,
      topics: ['BIST', 'FX', 'Kripto', 'Makro'],
      timezone: 'Europe/Istanbul',
    });
    const dup = await http()
      .post('/chats')
      .set('X-API-Key', keys.operator)
      .send({ chat_id: -1001234567890 })
      .expect(409);
    expectErrorShape(dup.body, 409, 'chat_id');
    const got = await http().get(`/chats/${res.body.id}`).set('X-API-Key', keys.viewer).expect(200);
    expect(got.body.chat_id).toBe(-1001234567890);
  });

  it('refuses a change to a chat_id another chat has (409), leaving the chat as it was', async () => {
    await http()
      .post('/chats')
      .set('X-API-Key', keys.operator)
      .send({ chat_id: -1009000000001, title: 'Birinci' })
      .expect(201);
    const other = await http()
      .post('/chats')
      .set('X-API-Key', keys.operator)
      .send({ chat_id: -1009000000002, title: 'İkinci' })
      .expect(201);
    const taken = await http()
      .patch(`/chats/${other.body.id}`)
      .set('X-API-Key', keys.operator)
      .send({ chat_id: -1009000000001 })
      .expect(409);
    expectErrorShape(taken.body, 409, 'chat_id');
    const got = await http().get(`/chats/${other.body.id}`).set('X-API-Key', keys.viewer);
    expect(got.body).toMatchObject({ chat_id: -1009000000002, title: 'İkinci' });
  });

  it.each([
    [{ chat_id: 'abc' }, 'chat_id'],
    [{ chat_id: 0 }, 'chat_id'],
    [{ chat_id: 1.5 }, 'chat_id'],
    [{}, 'chat_id'],
    [{ chat_id: -100555, timezone: 'Mars/Olympus' }, 'timezone'],
    [{ chat_id: -100555, topics: 'BIST' }, 'topics'],
    [{ chat_id: -100555, topics: ['x'.repeat(51)] }, 'topics'],
    [{ chat_id: -100555, title: 'x'.repeat(256) }, 'title'],
    [{ chat_id: -100555, is_enabled: 'true' }, 'is_enabled'],
  ])('refuses %j naming %s', async (body, field) => {
    const res = await http().post('/chats').set('X-API-Key', keys.operator).send(body).expect(400);
    expectErrorShape(res.body, 400, field);
  });

  it('patches given fields, lists with pagination and search, and deletes keeping history', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await http()
        .post('/chats')
        .set('X-API-Key', keys.operator)
        .send({ chat_id: -100200300400 - i, title: `Sayfa ${i}` })
        .expect(201);
      ids.push(res.body.id as number);
    }
    const patched = await http()
      .patch(`/chats/${ids[0]}`)
      .set('X-API-Key', keys.operator)
      .send({ topics: ['BIST', 'Altın'], timezone: null, is_enabled: false })
      .expect(200);
    expect(patched.body).toMatchObject({
      title: 'Sayfa 0',
      topics: ['BIST', 'Altın'],
      timezone: null,
      is_enabled: false,
    });
    const page = await http()
      .get('/chats?search=sayfa&limit=2&offset=1')
      .set('X-API-Key', keys.viewer)
      .expect(200);
    expect(page.body).toMatchObject({ total: 3, limit: 2, offset: 1 });
    expect(items(page.body).map((c) => c.id)).toEqual([ids[1], ids[2]]);
    const disabled = await http()
      .get('/chats?is_enabled=false')
      .set('X-API-Key', keys.viewer)
      .expect(200);
    expect(items(disabled.body).map((c) => c.id)).toEqual([ids[0]]);

    const messages = api.dataSource.getRepository(Message);
    const kept = await messages.save({ chatDbId: ids[1], text: 'tarih', state: MessageState.Sent });
    await messages.save({ chatDbId: ids[2], text: 'silinecek', state: MessageState.Sent });
    await http().delete(`/chats/${ids[1]}`).set('X-API-Key', keys.operator).expect(204);
    await http().delete(`/chats/${ids[2]}?purge=true`).set('X-API-Key', keys.operator).expect(204);
    expect((await messages.findOneByOrFail({ id: kept.id })).chatDbId).toBeNull();
    expect(await messages.countBy({ text: 'silinecek' })).toBe(0);
    await http().get(`/chats/${ids[1]}`).set('X-API-Key', keys.viewer).expect(404);
    await http()
      .patch(`/chats/${ids[1]}`)
      .set('X-API-Key', keys.operator)
      .send({ title: 'x' })
      .expect(404);
  });

  it('manages membership: replace, all-enabled mode, failed rows kept until cleared', async () => {
    const chat = await http()
      .post('/chats')
      .set('X-API-Key', keys.operator)
      .send({ chat_id: -100777 })
      .expect(201);
    const id = chat.body.id as number;
    const [a, b, c] = [await newBot('Üye A'), await newBot('Üye B'), await newBot('Üye C')];

    const empty = await http().get(`/chats/${id}/bots`).set('X-API-Key', keys.viewer).expect(200);
    expect(empty.body).toEqual({ mode: 'all_enabled_bots', items: [] });

    const set = await http()
      .put(`/chats/${id}/bots`)
      .set('X-API-Key', keys.operator)
      .send({ bot_ids: [a, b] })
      .expect(200);
    expect(set.body.mode).toBe('members');
    expect(items(set.body).map((r) => r.bot_id)).toEqual([a, b]);

    // The engine marks c failed here (Telegram kicked it).
    await api.dataSource
      .getRepository(ChatBot)
      .insert({ chatDbId: id, botId: c, status: ChatBotStatus.Failed, lastError: 'kicked' });
    const replaced = await http()
      .put(`/chats/${id}/bots`)
      .set('X-API-Key', keys.operator)
      .send({ bot_ids: [b] })
      .expect(200);
    expect(items(replaced.body).map((r) => [r.bot_id, r.status])).toEqual([
      [b, 'member'],
      [c, 'failed'],
    ]);

    const cleared = await http()
      .post(`/chats/${id}/bots/${c}/clear-failure`)
      .set('X-API-Key', keys.operator)
      .expect(200);
    expect(items(cleared.body).find((r) => r.bot_id === c)).toMatchObject({
      status: 'member',
      last_error: null,
    });

    await http().delete(`/chats/${id}/bots/${b}`).set('X-API-Key', keys.operator).expect(204);
    await http().delete(`/chats/${id}/bots/${b}`).set('X-API-Key', keys.operator).expect(404);

    const unknown = await http()
      .put(`/chats/${id}/bots`)
      .set('X-API-Key', keys.operator)
      .send({ bot_ids: [a, 987654] })
      .expect(400);
    expectErrorShape(unknown.body, 400, 'bot_ids[1]');
    const bad = await http()
      .put(`/chats/${id}/bots`)
      .set('X-API-Key', keys.operator)
      .send({ bot_ids: ['x'] })
      .expect(400);
    expectErrorShape(bad.body, 400, 'bot_ids');

    const none = await http()
      .put(`/chats/${id}/bots`)
      .set('X-API-Key', keys.operator)
      .send({ bot_ids: [] })
      .expect(200);
    expect(none.body).toEqual({ mode: 'all_enabled_bots', items: [] });
    await http().get('/chats/999999/bots').set('X-API-Key', keys.viewer).expect(404);
  });

  it('enforces roles on chats', async () => {
    await http()
      .post('/chats')
      .set('X-API-Key', keys.viewer)
      .send({ chat_id: -100888 })
      .expect(403);
    const chat = await http()
      .post('/chats')
      .set('X-API-Key', keys.operator)
      .send({ chat_id: -100888 })
      .expect(201);
    await http()
      .put(`/chats/${chat.body.id}/bots`)
      .set('X-API-Key', keys.viewer)
      .send({ bot_ids: [] })
      .expect(403);
    await http().delete(`/chats/${chat.body.id}`).set('X-API-Key', keys.viewer).expect(403);
    await http().get('/chats').expect(401);
  });

  it('publishes chat_changed and bot_changed events on <prefix>:events', async () => {
    const subscriber = new Redis(TEST_REDIS_URL);
    const received: unknown[] = [];
    try {
      await subscriber.subscribe(`${api.config.redis.prefix}:events`);
      subscriber.on('message', (_channel: string, message: string) =>
        received.push(JSON.parse(message)),
      );
      const chat = await http()
        .post('/chats')
        .set('X-API-Key', keys.operator)
        .send({ chat_id: -100999 })
        .expect(201);
      const bot = await newBot('Olaylı');
      await http()
        .post(`/bots/${bot}/stances`)
        .set('X-API-Key', keys.operator)
        .send({ topic: 'BIST', stance_text: 'olumlu' })
        .expect(201);
      for (let i = 0; i < 50 && received.length < 3; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(received).toEqual([
        { type: 'chat_changed', chat_id: chat.body.id },
        { type: 'bot_changed', bot_id: bot },
        { type: 'bot_changed', bot_id: bot },
      ]);
    } finally {
      subscriber.disconnect();
    }
  });
});
