jest.setTimeout(120_000);

import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { ApiHarness } from '../../support/api-harness';
import {
  ENCRYPTION_ENV,
  expectErrorShape,
  fakeToken,
  roleKeys,
  RoleKeys,
} from '../../support/mgmt-fixtures';

/** A tiny stand-in for the Bot API: answers /bot<token>/getMe per token. */
function fakeTelegram(behaviour: Map<string, 'ok' | 'revoked' | 'drop'>): Promise<Server> {
  const server = createServer((req, res) => {
    const match = /^\/bot([^/]+)\/getMe$/.exec(req.url ?? '');
    const mode = match ? behaviour.get(decodeURIComponent(match[1])) : undefined;
    if (mode === 'drop') {
      req.socket.destroy();
      return;
    }
    res.setHeader('content-type', 'application/json');
    if (mode === 'ok') {
      res.end(
        JSON.stringify({
          ok: true,
          result: { id: 4242, is_bot: true, first_name: 'Mehmet', username: 'mehmet_verified_bot' },
        }),
      );
      return;
    }
    res.statusCode = 401;
    res.end(JSON.stringify({ ok: false, error_code: 401, description: 'Unauthorized' }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('bot list and verification', () => {
  let api: ApiHarness;
  let keys: RoleKeys;
  let telegram: Server;
  const behaviour = new Map<string, 'ok' | 'revoked' | 'drop'>();

  beforeAll(async () => {
    telegram = await fakeTelegram(behaviour);
    const port = (telegram.address() as AddressInfo).port;
    api = await ApiHarness.start('bots_list', {
      ...ENCRYPTION_ENV,
      TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`,
    });
    keys = await roleKeys(api);
  });
  afterAll(async () => {
    await api.stop();
    await new Promise((resolve) => telegram.close(resolve));
  });

  const http = () => request(api.url);

  it('verifies a token with getMe and stores the username; never leaks the token', async () => {
    const good = fakeToken();
    const revoked = fakeToken();
    const unreachable = fakeToken();
    behaviour.set(good, 'ok').set(revoked, 'revoked').set(unreachable, 'drop');
    const create = async (name: string, token?: string): Promise<number> =>
      (await http().post('/bots').set('X-API-Key', keys.operator).send({ name, token }).expect(201))
        .body.id as number;

    const okId = await create('Doğrulanan', good);
    const res = await http()
      .post(`/bots/${okId}/verify`)
      .set('X-API-Key', keys.operator)
      .expect(200);
    expect(res.body).toMatchObject({
      verified: true,
      telegram: { id: 4242, username: 'mehmet_verified_bot', first_name: 'Mehmet' },
      bot: { id: okId, username: 'mehmet_verified_bot' },
    });
    expect(JSON.stringify(res.body)).not.toContain(good);

    const revokedRes = await http()
      .post(`/bots/${await create('İptal', revoked)}/verify`)
      .set('X-API-Key', keys.operator)
      .expect(400);
    expectErrorShape(revokedRes.body, 400, 'token');
    expect(revokedRes.body.message).toContain('rejected by Telegram');
    expect(JSON.stringify(revokedRes.body)).not.toContain(revoked);

    const downRes = await http()
      .post(`/bots/${await create('Ağ yok', unreachable)}/verify`)
      .set('X-API-Key', keys.operator)
      .expect(503);
    expectErrorShape(downRes.body, 503);
    expect(JSON.stringify(downRes.body)).not.toContain(unreachable);

    const sandbox = await http()
      .post(`/bots/${await create('Kum havuzu')}/verify`)
      .set('X-API-Key', keys.operator)
      .expect(400);
    expectErrorShape(sandbox.body, 400, 'token');
    await http().post(`/bots/${okId}/verify`).set('X-API-Key', keys.viewer).expect(403);
    await http().post('/bots/777777/verify').set('X-API-Key', keys.operator).expect(404);
  });

  it('lists each bot exactly as GET /bots/{id} shows it', async () => {
    const created = await http()
      .post('/bots')
      .set('X-API-Key', keys.operator)
      .send({
        name: 'Liste "Tırnak" \\ Bot',
        token: fakeToken(),
        username: 'liste_bot',
        persona_profile: { tone: 'çok "net"', watchlist: ['THYAO'] },
        active_hours: ['09:00-12:00'],
        llm_model: 'gpt-4o-mini',
      })
      .expect(201);
    await api.dataSource.query(
      `UPDATE bots SET status = 'error', last_error = 'kicked', last_error_at = now() WHERE id = $1`,
      [created.body.id],
    );
    const list = await http().get('/bots?limit=1000').set('X-API-Key', keys.viewer).expect(200);
    expect(list.headers['content-type']).toMatch(/^application\/json/);
    const items = list.body.items as { id: number }[];
    expect(items.length).toBeGreaterThan(1);
    for (const item of items) {
      const one = await http().get(`/bots/${item.id}`).set('X-API-Key', keys.viewer).expect(200);
      expect(item).toEqual(one.body);
    }
    const empty = await http()
      .get('/bots?search=nobody-has-this-name')
      .set('X-API-Key', keys.viewer)
      .expect(200);
    expect(empty.body).toEqual({ items: [], total: 0, limit: 100, offset: 0 });
    // A trailing slash is the same route, as the original's clients may write it.
    const slashed = await http().get('/bots/?limit=1000').set('X-API-Key', keys.viewer).expect(200);
    expect(slashed.body).toEqual(list.body);
  });

  it('pages, searches and filters 1,000 bots quickly', async () => {
    await api.dataSource.query(
      `INSERT INTO bots (name, username, is_enabled, status)
       SELECT 'Toplu ' || i, 'toplu_' || i, i % 3 <> 0, (CASE WHEN i % 10 = 0 THEN 'paused' ELSE 'active' END)::bot_status
       FROM generate_series(1, 1000) AS i`,
    );
    const started = Date.now();
    const page = await http()
      .get('/bots?limit=1000&search=toplu')
      .set('X-API-Key', keys.viewer)
      .expect(200);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(page.body.total).toBe(1000);
    expect(page.body.items).toHaveLength(1000);
    expect(page.body.items[0]).toMatchObject({ has_token: false, token_masked: null });

    const second = await http()
      .get('/bots?search=TOPLU_&limit=10&offset=10')
      .set('X-API-Key', keys.viewer)
      .expect(200);
    expect(second.body).toMatchObject({ total: 1000, limit: 10, offset: 10 });
    expect((second.body.items as { name: string }[]).map((b) => b.name)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Toplu ${i + 11}`),
    );
    const paused = await http()
      .get('/bots?status=paused&is_enabled=true&search=toplu')
      .set('X-API-Key', keys.viewer)
      .expect(200);
    expect(paused.body.total).toBe(67);
    const bad = await http().get('/bots?limit=0').set('X-API-Key', keys.viewer).expect(400);
    expectErrorShape(bad.body, 400, 'limit');
    const badStatus = await http()
      .get('/bots?status=zombie')
      .set('X-API-Key', keys.viewer)
      .expect(400);
    expectErrorShape(badStatus.body, 400, 'status');
  });
});

describe('bot list reads shared between concurrent requests', () => {
  let api: ApiHarness;
  let keys: RoleKeys;

  beforeAll(async () => {
    api = await ApiHarness.start('bots_list_shared', ENCRYPTION_ENV);
    keys = await roleKeys(api);
  });
  afterAll(() => api.stop());

  const list = () => request(api.url).get('/bots').set('X-API-Key', keys.viewer);

  /** List queries of this database waiting for the lock the test holds on `bots`. */
  async function waitingListQueries(): Promise<number> {
    const [row] = await api.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'
          AND query LIKE 'WITH page AS (%SELECT * FROM bots b%'`,
    );
    return row.n;
  }

  async function until(what: string, check: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${what}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('identical reads in flight share one query; a read after a change does not join them', async () => {
    const locker = api.dataSource.createQueryRunner();
    await locker.connect();
    await locker.startTransaction();
    // Every list query now waits on this lock, so the test sees which reads run their own query.
    await locker.query('LOCK TABLE bots IN ACCESS EXCLUSIVE MODE');
    const early = Array.from({ length: 10 }, () => list().then((r) => r));
    const late = (async () => {
      try {
        await until('the first list query', async () => (await waitingListQueries()) === 1);
        // A change through the API (not touching bots, so it does not wait on the lock).
        await request(api.url)
          .patch('/settings/scale_factor')
          .set('X-API-Key', keys.admin)
          .send({ value: 1.5 })
          .expect(200);
        const read = list().then((r) => r);
        await until(
          'a second, separate list query',
          async () => (await waitingListQueries()) === 2,
        );
        await new Promise((r) => setTimeout(r, 100));
        expect(await waitingListQueries()).toBe(2);
        return read;
      } finally {
        await locker.commitTransaction();
        await locker.release();
      }
    })();
    for (const answer of [await late, ...(await Promise.all(early))]) {
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ total: 0, items: [] });
    }
  });
});
