import request from 'supertest';
import { WebSocket } from 'ws';
import { publishDomainEvent } from '../../../src/events/domain-events';
import { RedisService } from '../../../src/redis/redis.service';
import { Role } from '../../../src/users/entities/api-user.entity';
import { ApiHarness } from '../../support/api-harness';
import { createUserWithPassword, loginCookie } from '../../support/auth-kit';
import { UserFactory } from '../../support/factories/user.factory';

interface Connection {
  socket: WebSocket;
  messages: { type: string; [key: string]: unknown }[];
  closed: Promise<number>;
}

function connect(url: string, headers: Record<string, string>): Connection {
  const socket = new WebSocket(`${url.replace('http', 'ws')}/ws/dashboard`, { headers });
  const messages: Connection['messages'] = [];
  socket.on('message', (data: Buffer) =>
    messages.push(JSON.parse(data.toString()) as Connection['messages'][number]),
  );
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  return { socket, messages, closed };
}

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in time');
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('WebSocket /ws/dashboard', () => {
  let api: ApiHarness;
  let viewerKey: string;

  beforeAll(async () => {
    api = await ApiHarness.start('ws', { DASHBOARD_STREAM_INTERVAL: '1' });
    viewerKey = (await UserFactory.withApiKey(api.dataSource, Role.Viewer)).rawKey;
  });
  afterAll(async () => {
    await api.stop();
  });

  it('sends a snapshot at once, then pushes events and periodic snapshots', async () => {
    const ws = connect(api.url, { 'X-API-Key': viewerKey });
    await until(() => ws.messages.length > 0);
    expect(ws.messages[0]).toMatchObject({ type: 'dashboard_snapshot' });
    expect(ws.messages[0].metrics).toEqual(
      expect.objectContaining({ total_bots: expect.any(Number) }),
    );

    await publishDomainEvent(api.app.get(RedisService), {
      type: 'message_sent',
      message_id: 1,
      chat_id: 2,
      bot_id: 3,
      kind: 'text',
      telegram_message_id: 4,
      reply_to_message_id: null,
      text: 'THYAO güçlü',
      sent_at: new Date().toISOString(),
    });
    await until(() => ws.messages.some((m) => m.type === 'message_sent'));
    // Cache invalidations are internal and not forwarded.
    await publishDomainEvent(api.app.get(RedisService), { type: 'bot_changed', bot_id: 3 });
    await until(() => ws.messages.filter((m) => m.type === 'dashboard_snapshot').length >= 2, 4000);
    expect(ws.messages.some((m) => m.type === 'bot_changed')).toBe(false);
    ws.socket.close();
  });

  it('closes with 4401 without credentials or with a bad key', async () => {
    expect(await connect(api.url, {}).closed).toBe(4401);
    expect(
      await connect(api.url, { 'X-API-Key': 'pk_nothere1_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' })
        .closed,
    ).toBe(4401);
  });

  it('accepts a same-origin session, refuses a cross-site one, and closes on logout', async () => {
    const user = await createUserWithPassword(api, Role.Operator);
    const cookie = await loginCookie(api, user.username);

    expect(await connect(api.url, { Cookie: cookie, Origin: 'https://evil.example' }).closed).toBe(
      4403,
    );

    const ws = connect(api.url, { Cookie: cookie, Origin: api.url });
    await until(() => ws.messages.length > 0);
    await request(api.url)
      .post('/auth/logout')
      .set('Cookie', cookie)
      .set('Origin', api.url)
      .expect(204);
    expect(await ws.closed).toBe(4401);
  });
});
