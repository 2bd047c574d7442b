jest.setTimeout(120_000);

import request from 'supertest';
import { BotHolding } from '../../../src/bots/entities/bot-holding.entity';
import { BotStance } from '../../../src/bots/entities/bot-stance.entity';
import { Chat } from '../../../src/chats/entities/chat.entity';
import { ApiHarness } from '../../support/api-harness';
import { expectErrorShape, roleKeys, RoleKeys } from '../../support/mgmt-fixtures';

interface DemoBot {
  id: number;
  name: string;
  has_token: boolean;
  is_enabled: boolean;
}

describe('demo bots', () => {
  let api: ApiHarness;
  let keys: RoleKeys;

  beforeAll(async () => {
    // No encryption key on purpose: demo mode must work without any secret configured.
    api = await ApiHarness.start('demo');
    keys = await roleKeys(api);
  });
  afterAll(async () => {
    await api.stop();
  });

  const http = () => request(api.url);

  it('creates sandbox personas with stances and holdings, and one demo chat', async () => {
    const res = await http()
      .post('/demo-bots/create')
      .set('X-API-Key', keys.admin)
      .send({ count: 12 })
      .expect(201);
    const bots = res.body.bots as DemoBot[];
    expect(bots).toHaveLength(12);
    expect(bots.every((b) => !b.has_token && b.is_enabled)).toBe(true);
    expect(res.body).toMatchObject({ chat_created: true, chat: { chat_id: -100999000001 } });
    expect(await api.dataSource.getRepository(BotStance).count()).toBe(24);
    expect(await api.dataSource.getRepository(BotHolding).count()).toBeGreaterThanOrEqual(12);

    const again = await http()
      .post('/demo-bots/create')
      .set('X-API-Key', keys.admin)
      .send({ count: 5 })
      .expect(201);
    expect(again.body.chat_created).toBe(false);
    const names = [...bots, ...(again.body.bots as DemoBot[])].map((b) => b.name);
    expect(new Set(names).size).toBe(17);
    expect(await api.dataSource.getRepository(Chat).count()).toBe(1);
  });

  it("keeps the personas' market hours unless asked for bots that talk around the clock", async () => {
    const hoursOf = async (body: Record<string, unknown>) => {
      const res = await http()
        .post('/demo-bots/create')
        .set('X-API-Key', keys.admin)
        .send(body)
        .expect(201);
      return (res.body.bots as { active_hours: string[] }[]).map((b) => b.active_hours);
    };
    const default_ = await hoursOf({ count: 2 });
    expect(default_.every((hours) => hours.length > 0)).toBe(true);
    expect(await hoursOf({ count: 2, around_the_clock: true })).toEqual([[], []]);
    const res = await http()
      .post('/demo-bots/create')
      .set('X-API-Key', keys.admin)
      .send({ count: 1, around_the_clock: 'yes' })
      .expect(400);
    expectErrorShape(res.body, 400, 'around_the_clock');
  });

  it('validates count and needs admin', async () => {
    for (const count of [0, 51, 'ten', 2.5]) {
      const res = await http()
        .post('/demo-bots/create')
        .set('X-API-Key', keys.admin)
        .send({ count })
        .expect(400);
      expectErrorShape(res.body, 400, 'count');
    }
    await http()
      .post('/demo-bots/create')
      .set('X-API-Key', keys.operator)
      .send({ count: 1 })
      .expect(403);
  });
});
