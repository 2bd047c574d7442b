// A tiny stand-in for the piyasa API for browser tests: serves the built dashboard from dist/
// and answers the REST calls the smoke test needs, plus /ws/dashboard with a minimal WebSocket
// (handshake + text frames, no dependency). Unknown API routes answer 404 in the API's error
// shape and are recorded, so a test can assert the dashboard called nothing unexpected.
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const DIST = new URL('../dist/', import.meta.url).pathname;
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

export const USER = { id: 1, username: 'admin', role: 'admin', mfa_enabled: true };
export const VIEWER = { id: 2, username: 'izleyici', role: 'viewer', mfa_enabled: false };
export const PASSWORD = 'correct horse battery staple';
const USERS = [USER, VIEWER];

const metrics = {
  total_bots: 4,
  active_bots: 3,
  total_chats: 2,
  messages_last_hour: 57,
  messages_per_minute: 0.95,
  simulation_active: true,
  scale_factor: 1.5,
  rate_limit_hits: 2,
  telegram_429_count: 0,
  telegram_5xx_count: 0,
};
const bots = [1, 2, 3, 4].map((id) => ({
  id,
  name: ['Ayşe Hanım', 'Borsacı Mehmet', 'Kripto Can', 'Altın Ali'][id - 1],
  username: `piyasa_bot_${id}`,
  token_masked: null,
  has_token: false,
  is_enabled: id !== 4,
  speed_profile: {},
  active_hours: [],
  persona_hint: 'Temkinli uzun vadeli yatırımcı',
  persona_profile: { tone: 'samimi', risk_profile: 'orta' },
  emotion_profile: {},
  llm_model: null,
  status: 'active',
  last_error: null,
  last_error_at: null,
  created_at: '2026-11-25T06:00:00Z',
  updated_at: '2026-11-25T06:00:00Z',
}));
const settings = [
  ['simulation_active', true],
  ['scale_factor', 1.5],
  ['max_msgs_per_min', 6],
  ['bot_hourly_msg_limit', { min: 6, max: 12 }],
  ['prime_hours', ['09:30-12:00', '14:00-18:00']],
  ['timezone', 'Europe/Istanbul'],
  ['reply_probability', 0.65],
  ['message_length_profile', { short: 0.55, medium: 0.35, long: 0.1 }],
  ['news_feed_urls', ['https://www.bloomberght.com/rss']],
].map(([key, value]) => ({ key, value: { value }, updated_at: null }));
const recent = [
  {
    id: 1,
    bot_id: 1,
    chat_db_id: 1,
    telegram_message_id: 11,
    text: 'BIST bugün yine 10 binin üstünde, bankalar taşıyor.',
    reply_to_message_id: null,
    msg_metadata: { topic: 'BIST' },
    state: 'sent',
    created_at: '2026-11-25T06:40:00Z',
  },
  {
    id: 2,
    bot_id: 2,
    chat_db_id: 1,
    telegram_message_id: 12,
    text: 'Bankalarda kâr satışı gelir bence, dikkat.',
    reply_to_message_id: 11,
    msg_metadata: { topic: 'BIST' },
    state: 'sent',
    created_at: '2026-11-25T06:41:00Z',
  },
  {
    id: 3,
    bot_id: 3,
    chat_db_id: 1,
    kind: 'reaction',
    telegram_message_id: null,
    text: '🔥',
    reply_to_message_id: 11,
    msg_metadata: {},
    state: 'sent',
    created_at: '2026-11-25T06:41:30Z',
  },
  {
    id: 4,
    bot_id: null,
    chat_db_id: 2,
    telegram_message_id: 21,
    text: 'BTC 100k olur mu sizce?',
    reply_to_message_id: null,
    msg_metadata: { username: 'gercek_uye' },
    state: 'sent',
    created_at: '2026-11-25T06:42:00Z',
  },
  {
    id: 5,
    bot_id: 3,
    chat_db_id: 2,
    telegram_message_id: null,
    text: 'Kısa vadede zor ama yıl sonu neden olmasın.',
    reply_to_message_id: 21,
    msg_metadata: { topic: 'Kripto' },
    state: 'failed',
    state_reason: 'telegram_403',
    created_at: '2026-11-25T06:42:30Z',
  },
];
const chats = [
  {
    id: 1,
    chat_id: -1001000000001,
    title: 'Borsa Sohbet',
    is_enabled: true,
    topics: ['BIST'],
    timezone: null,
    created_at: '2026-11-25T06:00:00Z',
    updated_at: '2026-11-25T06:00:00Z',
    bot_ids: [],
  },
  {
    id: 2,
    chat_id: -1001000000002,
    title: 'Kripto Kulübü',
    is_enabled: true,
    topics: ['Kripto'],
    timezone: null,
    created_at: '2026-11-25T06:00:00Z',
    updated_at: '2026-11-25T06:00:00Z',
    bot_ids: [],
  },
];

function json(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

function apiError(res, status, error, message) {
  json(res, status, { status, error, message, request_id: randomBytes(4).toString('hex') });
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) {
    chunks.push(chunk);
  }
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
}

function wsFrame(text) {
  const payload = Buffer.from(text, 'utf8');
  const header =
    payload.length < 126
      ? Buffer.from([0x81, payload.length])
      : Buffer.from([0x81, 126, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([header, payload]);
}

export async function startMockApi({ port = 0 } = {}) {
  /** session id → user */
  const sessions = new Map();
  const unexpected = [];
  const sockets = new Set();

  const sessionOf = (req) => /(?:^|;\s*)sid=([a-f0-9]+)/.exec(req.headers.cookie ?? '')?.[1];
  const authed = (req) => sessions.has(sessionOf(req));
  const userOf = (req) => sessions.get(sessionOf(req));

  const routes = {
    'POST /auth/login': async (req, res) => {
      const body = await readJson(req);
      const user = USERS.find((u) => u.username === body?.username);
      if (!user || body?.password !== PASSWORD) {
        return apiError(res, 401, 'invalid_credentials', 'Invalid username or password');
      }
      const sid = randomBytes(16).toString('hex');
      sessions.set(sid, user);
      json(
        res,
        200,
        { role: user.role, session_expires_at: new Date(Date.now() + 3600e3).toISOString() },
        { 'set-cookie': `sid=${sid}; HttpOnly; SameSite=Lax; Path=/` },
      );
    },
    'POST /auth/logout': (req, res) => {
      sessions.delete(sessionOf(req));
      json(res, 204);
    },
    'GET /auth/me': (req, res) =>
      authed(req)
        ? json(res, 200, userOf(req))
        : apiError(res, 401, 'unauthorized', 'Not signed in'),
    'GET /api/metrics': (req, res) => json(res, 200, metrics),
    'GET /system/health': (req, res) =>
      json(res, 200, {
        status: 'ok',
        details: {
          api: { status: 'up' },
          database: { status: 'up' },
          redis: { status: 'up' },
          worker: { status: 'up' },
        },
      }),
    'GET /bots': (req, res) => json(res, 200, bots),
    'GET /chats': (req, res) => json(res, 200, chats),
    'GET /logs/recent': (req, res) => json(res, 200, recent),
    'GET /logs': (req, res) => json(res, 200, { items: recent, next_cursor: null }),
    'GET /bots/:id': (req, res, [id]) => {
      const bot = bots.find((b) => b.id === Number(id));
      return bot ? json(res, 200, bot) : apiError(res, 404, 'not_found', 'Bot not found');
    },
    'GET /bots/:id/stances': (req, res, [id]) =>
      json(res, 200, [
        {
          id: 1,
          bot_id: Number(id),
          topic: 'BIST',
          stance_text: 'Endeks 10.000 üstünde kalır',
          confidence: 0.7,
          cooldown_until: null,
          updated_at: '2026-11-25T06:00:00Z',
        },
      ]),
    'GET /settings': (req, res) => json(res, 200, settings),
    'GET /users': (req, res) =>
      json(
        res,
        200,
        USERS.map((u) => ({
          ...u,
          is_active: true,
          created_at: '2026-11-25T06:00:00Z',
          last_login_at: null,
        })),
      ),
    'GET /auth/api-keys': (req, res) =>
      json(res, 200, [
        {
          id: 1,
          name: 'grafana',
          prefix: 'pk_ab12',
          role_cap: 'viewer',
          created_at: '2026-11-25T06:00:00Z',
          last_used_at: null,
          expires_at: null,
          revoked_at: null,
        },
      ]),
    'GET /system/checks/latest': (req, res) =>
      json(res, 200, {
        id: 1,
        status: 'passed',
        total_steps: 5,
        passed_steps: 5,
        failed_steps: 0,
        duration: 1.2,
        triggered_by: 'admin',
        details: { steps: [{ name: 'database', status: 'passed', message: 'ok' }] },
        created_at: '2026-11-25T06:30:00Z',
      }),
    'GET /system/checks/summary': (req, res) =>
      json(res, 200, {
        window_days: 7,
        total_runs: 10,
        passed_runs: 9,
        failed_runs: 1,
        success_rate: 0.9,
        insights: ['Son 7 günde 1 başarısız kontrol.'],
      }),
    'GET /queue/stats': (req, res) =>
      json(res, 200, {
        turn: { waiting: 0, active: 1, delayed: 3, failed: 0 },
        send: { waiting: 2, active: 0, delayed: 1, failed: 0 },
      }),
  };
  const compiled = Object.entries(routes).map(([key, handler]) => {
    const [method, pattern] = key.split(' ');
    return { method, regex: new RegExp(`^${pattern.replace(/:[a-z]+/g, '([^/]+)')}$`), handler };
  });
  function findRoute(method, path) {
    for (const route of compiled) {
      const match = route.method === method ? route.regex.exec(path) : null;
      if (match) {
        return (req, res) => route.handler(req, res, match.slice(1));
      }
    }
    return undefined;
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = findRoute(req.method, url.pathname);
    if (route) {
      if (!['/auth/login', '/auth/me'].includes(url.pathname) && !authed(req)) {
        return apiError(res, 401, 'unauthorized', 'Not signed in');
      }
      return route(req, res);
    }
    if (req.method === 'GET' && (url.pathname === '/' || url.pathname.startsWith('/assets/'))) {
      const file = normalize(join(DIST, url.pathname === '/' ? 'index.html' : url.pathname));
      if (!file.startsWith(DIST)) {
        return apiError(res, 400, 'bad_path', 'Bad path');
      }
      try {
        const content = await readFile(file);
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        return res.end(content);
      } catch {
        return apiError(res, 404, 'not_found', 'No such file');
      }
    }
    unexpected.push(`${req.method} ${url.pathname}`);
    apiError(res, 404, 'not_found', `No mock for ${req.method} ${url.pathname}`);
  });

  server.on('upgrade', (req, socket) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/ws/dashboard' || !authed(req)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    const accept = createHash('sha1')
      .update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
      .digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => sockets.delete(socket));
    socket.on('data', (data) => {
      // Opcode 8 is a close frame from the browser.
      if ((data[0] & 0x0f) === 8) {
        socket.end();
      }
    });
    socket.write(
      wsFrame(
        JSON.stringify({
          type: 'dashboard_snapshot',
          generated_at: new Date().toISOString(),
          metrics,
          latest_check: null,
        }),
      ),
    );
  });

  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${address.port}/`,
    unexpected,
    /** Pushes one live event to every connected dashboard. */
    push(event) {
      for (const socket of sockets) {
        socket.write(wsFrame(JSON.stringify(event)));
      }
    },
    async close() {
      for (const socket of sockets) {
        socket.destroy();
      }
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

// `node e2e/mock-api-server.mjs` serves the built dashboard for a look by hand.
if (import.meta.url === `file://${process.argv[1]}`) {
  const api = await startMockApi({ port: Number(process.env.PORT ?? 8090) });
  console.log(`mock API + dashboard on ${api.url} (user ${USER.username} / ${PASSWORD})`);
}
