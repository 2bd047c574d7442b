jest.setTimeout(120_000);

import request from 'supertest';
import { ApiHarness } from '../../support/api-harness';
import { ENCRYPTION_ENV, expectErrorShape, roleKeys, RoleKeys } from '../../support/mgmt-fixtures';

interface Stance {
  id: number;
  topic: string;
  stance_text: string;
  confidence: number;
  cooldown_until: string | null;
  updated_at: string;
}

describe('stances, holdings and memories', () => {
  let api: ApiHarness;
  let keys: RoleKeys;
  let botId: number;

  beforeAll(async () => {
    api = await ApiHarness.start('bot_children', ENCRYPTION_ENV);
    keys = await roleKeys(api);
    botId = (
      await request(api.url)
        .post('/bots')
        .set('X-API-Key', keys.operator)
        .send({ name: 'Çocuklu' })
        .expect(201)
    ).body.id as number;
  });
  afterAll(async () => {
    await api.stop();
  });

  const http = () => request(api.url);

  it('upserts stances by topic and refreshes updated_at', async () => {
    const first = await http()
      .post(`/bots/${botId}/stances`)
      .set('X-API-Key', keys.operator)
      .send({ topic: 'Bankacılık', stance_text: 'Olumlu bakıyorum', confidence: 0.8 })
      .expect(201);
    const a = first.body as Stance;
    expect(a).toMatchObject({
      bot_id: botId,
      topic: 'Bankacılık',
      confidence: 0.8,
      cooldown_until: null,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await http()
      .post(`/bots/${botId}/stances`)
      .set('X-API-Key', keys.operator)
      .send({
        topic: 'Bankacılık',
        stance_text: 'Temkinliyim',
        cooldown_until: '2030-01-01T00:00:00Z',
      })
      .expect(201);
    const b = second.body as Stance;
    expect(b.id).toBe(a.id);
    expect(b).toMatchObject({ stance_text: 'Temkinliyim', confidence: 0.8 });
    expect(new Date(b.cooldown_until ?? '').toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(new Date(b.updated_at).getTime()).toBeGreaterThan(new Date(a.updated_at).getTime());

    const list = await http()
      .get(`/bots/${botId}/stances`)
      .set('X-API-Key', keys.viewer)
      .expect(200);
    expect((list.body as Stance[]).map((s) => s.topic)).toEqual(['Bankacılık']);

    const patched = await http()
      .patch(`/bots/stances/${a.id}`)
      .set('X-API-Key', keys.operator)
      .send({ confidence: 0.3, cooldown_until: null })
      .expect(200);
    expect(patched.body).toMatchObject({
      confidence: 0.3,
      cooldown_until: null,
      stance_text: 'Temkinliyim',
    });

    const other = await http()
      .post(`/bots/${botId}/stances`)
      .set('X-API-Key', keys.operator)
      .send({ topic: 'Kripto', stance_text: 'Uzak dururum' })
      .expect(201);
    expect((other.body as Stance).confidence).toBeCloseTo(0.7);
    const clash = await http()
      .patch(`/bots/stances/${(other.body as Stance).id}`)
      .set('X-API-Key', keys.operator)
      .send({ topic: 'Bankacılık' })
      .expect(409);
    expectErrorShape(clash.body, 409, 'topic');

    for (const [body, field] of [
      [{ topic: 'X', stance_text: 'y', confidence: 1.5 }, 'confidence'],
      [{ topic: 'X', stance_text: 'y', confidence: 'yüksek' }, 'confidence'],
      [{ topic: '', stance_text: 'y' }, 'topic'],
      [{ topic: 'X' }, 'stance_text'],
      [{ topic: 'X', stance_text: 'y', cooldown_until: 'yarın' }, 'cooldown_until'],
    ] as const) {
      const res = await http()
        .post(`/bots/${botId}/stances`)
        .set('X-API-Key', keys.operator)
        .send(body)
        .expect(400);
      expectErrorShape(res.body, 400, field);
    }
    await http()
      .post('/bots/999999/stances')
      .set('X-API-Key', keys.operator)
      .send({ topic: 'X', stance_text: 'y' })
      .expect(404);
    await http().get('/bots/999999/stances').set('X-API-Key', keys.viewer).expect(404);
    await http()
      .patch('/bots/stances/999999')
      .set('X-API-Key', keys.operator)
      .send({ confidence: 0.1 })
      .expect(404);
    await http()
      .post(`/bots/${botId}/stances`)
      .set('X-API-Key', keys.viewer)
      .send({ topic: 'X', stance_text: 'y' })
      .expect(403);
    await http().delete(`/bots/stances/${a.id}`).set('X-API-Key', keys.operator).expect(204);
    await http().delete(`/bots/stances/${a.id}`).set('X-API-Key', keys.operator).expect(404);
  });

  it('upserts holdings by upper-cased symbol; only given fields overwrite', async () => {
    const created = await http()
      .post(`/bots/${botId}/holdings`)
      .set('X-API-Key', keys.operator)
      .send({ symbol: 'garan', avg_price: 28.5, size: 5000, note: 'uzun vade' })
      .expect(201);
    expect(created.body).toMatchObject({
      symbol: 'GARAN',
      avg_price: 28.5,
      size: 5000,
      note: 'uzun vade',
    });
    const updated = await http()
      .post(`/bots/${botId}/holdings`)
      .set('X-API-Key', keys.operator)
      .send({ symbol: 'GARAN', size: 6000 })
      .expect(201);
    expect(updated.body).toMatchObject({
      id: created.body.id,
      avg_price: 28.5,
      size: 6000,
      note: 'uzun vade',
    });
    const cleared = await http()
      .patch(`/bots/holdings/${created.body.id}`)
      .set('X-API-Key', keys.operator)
      .send({ note: null })
      .expect(200);
    expect(cleared.body).toMatchObject({ note: null, size: 6000 });
    const list = await http()
      .get(`/bots/${botId}/holdings`)
      .set('X-API-Key', keys.viewer)
      .expect(200);
    expect(list.body).toHaveLength(1);
    const bad = await http()
      .post(`/bots/${botId}/holdings`)
      .set('X-API-Key', keys.operator)
      .send({ symbol: 'BAD SYMBOL!' })
      .expect(400);
    expectErrorShape(bad.body, 400, 'symbol');
    const badPrice = await http()
      .post(`/bots/${botId}/holdings`)
      .set('X-API-Key', keys.operator)
      .send({ symbol: 'X', avg_price: '12' })
      .expect(400);
    expectErrorShape(badPrice.body, 400, 'avg_price');
    await http()
      .delete(`/bots/holdings/${created.body.id}`)
      .set('X-API-Key', keys.operator)
      .expect(204);
    await http()
      .patch(`/bots/holdings/${created.body.id}`)
      .set('X-API-Key', keys.operator)
      .send({ size: 1 })
      .expect(404);
  });

  it('lists, adds, edits and deletes memories (seeded ones first by relevance)', async () => {
    const seeded = await http()
      .get(`/bots/${botId}/memories`)
      .set('X-API-Key', keys.viewer)
      .expect(200);
    expect((seeded.body as unknown[]).length).toBeGreaterThanOrEqual(4);
    const created = await http()
      .post(`/bots/${botId}/memories`)
      .set('X-API-Key', keys.operator)
      .send({
        memory_type: 'relationship',
        content: 'Ayşe ile sık sık tartışırız.',
        relevance_score: 0.95,
      })
      .expect(201);
    expect(created.body).toMatchObject({
      memory_type: 'relationship',
      relevance_score: 0.95,
      usage_count: 0,
    });
    const list = await http()
      .get(`/bots/${botId}/memories`)
      .set('X-API-Key', keys.viewer)
      .expect(200);
    expect((list.body as { id: number }[])[0].id).toBe(created.body.id);
    const patched = await http()
      .patch(`/bots/memories/${created.body.id}`)
      .set('X-API-Key', keys.operator)
      .send({ relevance_score: 0.1 })
      .expect(200);
    expect(patched.body.relevance_score).toBeCloseTo(0.1);
    const bad = await http()
      .post(`/bots/${botId}/memories`)
      .set('X-API-Key', keys.operator)
      .send({ memory_type: 'dream', content: 'x' })
      .expect(400);
    expectErrorShape(bad.body, 400, 'memory_type');
    await http()
      .delete(`/bots/memories/${created.body.id}`)
      .set('X-API-Key', keys.operator)
      .expect(204);
    await http()
      .delete(`/bots/memories/${created.body.id}`)
      .set('X-API-Key', keys.operator)
      .expect(404);
  });

  // The three share one generic controller, whose body parameters TypeScript reflects as Object:
  // this pins that POST and PATCH bodies are still validated and transformed with their DTO.
  it('validates and transforms the POST and PATCH bodies of every child resource', async () => {
    const holding = await http()
      .post(`/bots/${botId}/holdings`)
      .set('X-API-Key', keys.operator)
      .send({ symbol: ' thyao ' })
      .expect(201);
    expect(holding.body.symbol).toBe('THYAO');
    const renamed = await http()
      .patch(`/bots/holdings/${holding.body.id}`)
      .set('X-API-Key', keys.operator)
      .send({ symbol: ' sahol ' })
      .expect(200);
    expect(renamed.body.symbol).toBe('SAHOL');
    await http()
      .post(`/bots/${botId}/holdings`)
      .set('X-API-Key', keys.operator)
      .send({ symbol: 'ASELS' })
      .expect(201);
    const clash = await http()
      .patch(`/bots/holdings/${holding.body.id}`)
      .set('X-API-Key', keys.operator)
      .send({ symbol: 'asels' })
      .expect(409);
    expectErrorShape(clash.body, 409, 'symbol');
    expect(clash.body.message).toBe('This bot already holds that symbol');

    for (const [path, body, field] of [
      [`/bots/${botId}/stances`, { topic: 'X', stance_text: 'y', mood: 1 }, 'mood'],
      [`/bots/${botId}/holdings`, { symbol: 'X', price: 1 }, 'price'],
      [`/bots/${botId}/memories`, { memory_type: 'routine', content: 'x', score: 1 }, 'score'],
    ] as const) {
      const res = await http().post(path).set('X-API-Key', keys.operator).send(body).expect(400);
      expectErrorShape(res.body, 400, field);
    }

    const stance = await http()
      .post(`/bots/${botId}/stances`)
      .set('X-API-Key', keys.operator)
      .send({ topic: 'Altın', stance_text: 'Güvenli liman' })
      .expect(201);
    const memory = await http()
      .post(`/bots/${botId}/memories`)
      .set('X-API-Key', keys.operator)
      .send({ memory_type: 'routine', content: 'Sabahları piyasaya bakarım.' })
      .expect(201);
    for (const [path, body, field] of [
      [`/bots/stances/${stance.body.id}`, { confidence: 2 }, 'confidence'],
      [`/bots/stances/${stance.body.id}`, { mood: 1 }, 'mood'],
      [`/bots/holdings/${holding.body.id}`, { avg_price: '12' }, 'avg_price'],
      [`/bots/holdings/${holding.body.id}`, { price: 1 }, 'price'],
      [`/bots/memories/${memory.body.id}`, { memory_type: 'dream' }, 'memory_type'],
      [`/bots/memories/${memory.body.id}`, { score: 1 }, 'score'],
    ] as const) {
      const res = await http().patch(path).set('X-API-Key', keys.operator).send(body).expect(400);
      expectErrorShape(res.body, 400, field);
    }
  });

  it('documents the 409 on exactly the PATCH routes that can run into a unique index', async () => {
    const doc = (await http().get('/docs-json').expect(200)).body as {
      paths: Record<string, { patch: { responses: Record<string, unknown> } }>;
    };
    const conflicts = (child: string): boolean =>
      '409' in doc.paths[`/bots/${child}/{id}`].patch.responses;
    expect([conflicts('stances'), conflicts('holdings'), conflicts('memories')]).toEqual([
      true,
      true,
      false,
    ]);
  });
});
