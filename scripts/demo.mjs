#!/usr/bin/env node
// `npm run demo`: one command from a fresh clone to a running simulation.
// 1. creates .env on first run (demo database, generated encryption key and admin password);
// 2. checks PostgreSQL and Redis and creates the demo database if missing;
// 3. builds, then starts the API (which applies migrations) and one worker;
// 4. waits until /healthz is green and prints where to look; Ctrl-C stops everything.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import Redis from 'ioredis';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const envPath = join(root, '.env');
const say = (msg) => process.stdout.write(`[demo] ${msg}\n`);

function base62(length) {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let out = '';
  for (const byte of randomBytes(length * 2)) {
    if (byte < 248 && out.length < length) out += alphabet[byte % 62];
  }
  return out.length === length ? out : base62(length);
}

/** First run only: demo personas in a sandbox chat, and the simulation switched on. */
async function seedDemo(port, apiKey) {
  if (!apiKey) {
    say(
      'no DEFAULT_ADMIN_API_KEY in .env: create demo bots from the dashboard (Kurulum sihirbazı).',
    );
    return;
  }
  const call = async (method, path, body) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: { 'X-API-Key': apiKey, 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const bots = await call('GET', '/bots?limit=1');
  if (bots.total > 0) {
    say(`${bots.total} bot(s) already set up; leaving them as they are.`);
    return;
  }
  // Around the clock: a demo tried in the evening must not wait for the personas' market hours.
  await call('POST', '/demo-bots/create', { count: 4, around_the_clock: true });
  // Three times the realistic pace, so the first minute already shows a conversation.
  await call('POST', '/control/scale', { factor: 3 });
  await call('POST', '/control/start');
  say(
    'created 4 demo bots (sandbox: no Telegram token, no LLM key), speed ×3, simulation started.',
  );
}

function createEnvFile() {
  const example = readFileSync(join(root, '.env.example'), 'utf8');
  const adminPassword = randomBytes(12).toString('base64url');
  const values = {
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/piyasa',
    ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    DEFAULT_ADMIN_USERNAME: 'admin',
    DEFAULT_ADMIN_PASSWORD: adminPassword,
    // Lets this launcher create the demo bots through the API (any API client could do the same).
    DEFAULT_ADMIN_API_KEY: `pk_${base62(8)}_${base62(32)}`,
  };
  const text = example.replace(/^([A-Z][A-Z0-9_]*)=.*$/gm, (line, name) =>
    name in values ? `${name}=${values[name]}` : line,
  );
  writeFileSync(envPath, text, { mode: 0o600 });
  say(`created .env (demo database "piyasa", a fresh encryption key).`);
  if (/^DEFAULT_ADMIN_PASSWORD=/m.test(text)) {
    say(
      `dashboard login: admin / ${adminPassword}  (stored only in your .env; change it after first login)`,
    );
  }
}

function parseEnvFile() {
  const env = {};
  for (const line of readFileSync(envPath, 'utf8').split('\n')) {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) env[m[1]] = m[2];
  }
  return env;
}

async function ensureDatabase(url) {
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.slice(1));
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const client = new pg.Client({
    connectionString: adminUrl.toString(),
    connectionTimeoutMillis: 3000,
  });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${target.host} (${error.message}). Start it, e.g. ` +
        '`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, or set DATABASE_URL in .env.',
    );
  }
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
      say(`created database "${database}".`);
    }
  } finally {
    await client.end();
  }
}

async function ensureRedis(url) {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 3000,
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(
      `Redis is not reachable at ${url} (${error.message}). Start it, e.g. ` +
        '`redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no`.',
    );
  } finally {
    redis.disconnect();
  }
}

function build() {
  say('building…');
  const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('build failed');
  const dashboard = join(root, 'dashboard', 'package.json');
  if (existsSync(dashboard) && JSON.parse(readFileSync(dashboard, 'utf8')).scripts?.build) {
    say('building the dashboard…');
    const dash = spawnSync('npm', ['run', '--silent', 'build', '--workspace', 'dashboard'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (dash.status !== 0) throw new Error('dashboard build failed');
  }
}

async function waitHealthy(port, children) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (children.some((c) => c.exitCode !== null))
      throw new Error('a process exited during start-up');
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the API did not become healthy within 120 s');
}

async function main() {
  if (!existsSync(envPath)) createEnvFile();
  const env = { ...parseEnvFile(), ...process.env };
  await ensureDatabase(env.DATABASE_URL);
  await ensureRedis(env.REDIS_URL || 'redis://127.0.0.1:6379');
  build();

  const children = [];
  const start = (name, entry) => {
    const child = spawn(process.execPath, [entry], {
      cwd: root,
      env: process.env,
      stdio: 'inherit',
    });
    child.on('exit', (code, signal) => {
      if (!stopping) {
        say(`${name} exited (${signal ?? code}); stopping everything.`);
        stop(1);
      }
    });
    children.push(child);
    return child;
  };
  let stopping = false;
  const stop = (code) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    Promise.all(
      children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.on('exit', r)))),
    ).then(() => process.exit(code));
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));

  start('api', 'dist/src/main.js');
  const port = env.PORT || '8000';
  await waitHealthy(port, children);
  start('worker', 'dist/src/worker.js');
  await seedDemo(port, env.DEFAULT_ADMIN_API_KEY);
  say(
    `running. Dashboard http://localhost:${port}/  ·  OpenAPI http://localhost:${port}/docs  ·  health http://localhost:${port}/healthz`,
  );
  say("watch the conversation in the dashboard's live feed (Canlı akış) or with GET /logs/recent.");
  say('Ctrl-C stops the API and the worker.');
}

main().catch((error) => {
  process.stderr.write(`[demo] ${error.message}\n`);
  process.exit(1);
});
