/**
 * API benchmark (not part of `npm test`):
 *
 *   npx ts-node bench/api/run.ts [--bots 1000] [--messages 1000000] [--clients 50]
 *     [--seconds 10] [--routes "/logs,/api/metrics,/bots"]
 *
 * Creates a throwaway database, seeds bots, chats and messages with set-based SQL, starts the real
 * API as production starts it (`start:api`, the built dist/) as a child process, drives each
 * route with N concurrent keep-alive connections (autocannon) and prints p50/p99 latency and requests per second as a table and as JSON. Everything it created
 * (database, Redis keys, child process) is removed at the end.
 * Needs PostgreSQL and Redis as for the integration tests (TEST_PG_ADMIN_URL, TEST_REDIS_URL).
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { Client } from 'pg';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { generateApiKey } from '../../src/auth/api-key.util';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { ApiProcess } from '../lib/api-process';
import { ensureProductionBuild } from '../lib/production-build';
import { treeCpuSeconds } from '../lib/process-sampler';

const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const BENCH_PERSONA = {
  tone: 'sabırlı ve tecrübeli',
  risk_profile: 'düşük',
  watchlist: ['GARAN', 'THYAO', 'XAU'],
  never_do: ['kaldıraçlı işlem önermem'],
  style: { emojis: true, length: 'kısa', disclaimer: true, description: '' },
};
const BENCH_EMOTION = {
  tone: 'sakin',
  empathy: 0.7,
  energy: 0.5,
  signature_emoji: ['📊', '🤝'],
  signature_phrases: ['sabır şart'],
  anecdotes: ['2018 kur şokunda panik yapmadığımı'],
};
const BENCH_SPEED = {
  delay: { base_delay_seconds: 45, multiplier: 1.2, jitter: 0.2 },
  typing: { wpm: { min: 2.5, max: 4 }, multiplier: 1 },
};

interface Options {
  bots: number;
  chats: number;
  messages: number;
  clients: number;
  seconds: number;
  warmupSeconds: number;
  routes: string[];
  /** Leave the seeded database in place (for EXPLAIN ANALYZE); its name is printed. */
  keepDb: boolean;
  /** Run against a database seeded by an earlier `--keep-db` run instead of seeding anew. */
  reuse: string | undefined;
  /** Directory for a V8 CPU profile of the API process (node --cpu-prof), written at its exit. */
  cpuProf: string | undefined;
  /** API_PROCESSES of the API under test (node:cluster children sharing its port). */
  apiProcesses: number;
}

interface RouteResult {
  route: string;
  requests: number;
  errors: number;
  rps: number;
  p50_ms: number;
  p90_ms: number;
  p99_ms: number;
  max_ms: number;
  /** CPU time of the API process per request (user + system): comparable on a loaded machine. */
  api_cpu_ms_per_req: number;
  /** CPU time of this load generator per request: its share of the machine. */
  client_cpu_ms_per_req: number;
}

function parseArgs(argv: string[]): Options {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const num = (name: string, fallback: number): number => Number(get(name) ?? fallback);
  return {
    keepDb: argv.includes('--keep-db') || get('reuse') !== undefined,
    reuse: get('reuse'),
    cpuProf: get('cpu-prof'),
    apiProcesses: num('api-processes', 1),
    bots: num('bots', 1000),
    chats: num('chats', 20),
    messages: num('messages', 1_000_000),
    clients: num('clients', 50),
    seconds: num('seconds', 10),
    warmupSeconds: num('warmup', 2),
    routes: (
      get('routes') ??
      [
        '/logs',
        '/logs?bot_id=7',
        '/logs?chat_id=3&state=sent',
        '/logs?q=ASELS',
        '/logs?q=toparlan',
        '/api/metrics',
        '/api/metrics/timeseries?minutes=60&group_by=bot',
        '/settings',
        '/bots',
      ].join(',')
    )
      .split(',')
      .map((r) => r.trim())
      .filter((r) => r.length > 0),
  };
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A fresh admin key in a database seeded earlier (raw keys are never stored), after applying any
 * migration added since the seeding.
 */
async function newKey(url: string): Promise<string> {
  const ds = await new DataSource(dataSourceOptions({ url, poolSize: 1 })).initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    if (applied.length > 0) {
      await ds.query('VACUUM ANALYZE messages');
      log(`applied ${applied.map((m) => m.name).join(', ')}`);
    }
  } finally {
    await ds.destroy();
  }
  const key = generateApiKey();
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO api_keys (user_id, name, prefix, key_hash)
       SELECT id, 'bench', $1, $2 FROM api_users WHERE username = 'bench'`,
      [key.prefix, key.hash],
    );
  } finally {
    await client.end();
  }
  return key.raw;
}

/** Seeds with set-based SQL: 1M messages take seconds, not minutes. Returns an admin API key. */
async function seed(url: string, o: Options): Promise<string> {
  const ds = await new DataSource(dataSourceOptions({ url, poolSize: 2 })).initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    const key = generateApiKey();
    const [user] = await ds.query<{ id: number }[]>(
      `INSERT INTO api_users (username, password_hash, role) VALUES ('bench', '$argon2id$x', 'admin') RETURNING id`,
    );
    await ds.query(
      `INSERT INTO api_keys (user_id, name, prefix, key_hash) VALUES ($1, 'bench', $2, $3)`,
      [user.id, key.prefix, key.hash],
    );
    // Personas as the API stores them (normalised), so /bots pages carry realistic JSON.
    await ds.query(
      `INSERT INTO bots (name, is_enabled, status, persona_hint, persona_profile, emotion_profile,
                         speed_profile, active_hours)
       SELECT 'Bot ' || g, g % 10 <> 0, CASE WHEN g % 50 = 0 THEN 'error' ELSE 'active' END::bot_status,
              'Temkinli, uzun vadeli düşünen emekli bankacı', $2::jsonb, $3::jsonb, $4::jsonb,
              '["09:00-12:30", "14:00-18:00"]'::jsonb
       FROM generate_series(1, $1::int) g`,
      [
        o.bots,
        JSON.stringify(BENCH_PERSONA),
        JSON.stringify(BENCH_EMOTION),
        JSON.stringify(BENCH_SPEED),
      ],
    );
    await ds.query(
      `INSERT INTO chats (chat_id, title) SELECT -1000000000000 - g, 'Sohbet ' || g
       FROM generate_series(1, $1::int) g`,
      [o.chats],
    );
    // Build the trigram index once after the load instead of maintaining it row by row.
    const [trgm] = await ds.query<{ indexdef: string }[]>(
      `SELECT indexdef FROM pg_indexes WHERE indexname = 'IDX_messages_text_trgm'`,
    );
    if (trgm) {
      await ds.query(`DROP INDEX "IDX_messages_text_trgm"`);
    }
    const started = Date.now();
    // One message every 600 ms going back: 1M messages ≈ 7 days, ~6,000 in the last hour.
    await ds.query(
      `INSERT INTO messages (bot_id, chat_db_id, kind, text, state, attempts, created_at, updated_at, sent_at)
       SELECT 1 + (g::bigint * 7919) % $2::int,
              1 + (g::bigint * 104729) % $3::int,
              CASE WHEN g % 40 = 0 THEN 'reaction' ELSE 'text' END::message_kind,
              (ARRAY['Dolar','Euro','Altın','BIST 100','THYAO','ASELS','Faiz','Enflasyon','Bitcoin','Brent'])[1 + (g * 7) % 10]
                || ' ' || (ARRAY['yükseliyor','düşüyor','yatay seyrediyor','sert tepki verdi','toparlanıyor','baskı altında'])[1 + (g * 13) % 6]
                || ', bence ' || substr(md5(g::text), 1, 12),
              CASE WHEN g % 50 = 0 THEN 'failed' WHEN g % 97 = 0 THEN 'skipped' ELSE 'sent' END::message_state,
              1,
              now() - g * interval '600 milliseconds',
              now() - g * interval '600 milliseconds',
              now() - g * interval '600 milliseconds'
       FROM generate_series(1, $1::int) g`,
      [o.messages, o.bots, o.chats],
    );
    log(`inserted ${o.messages} messages in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (trgm) {
      const t = Date.now();
      await ds.query(`SET maintenance_work_mem = '256MB'`);
      await ds.query(trgm.indexdef);
      log(`rebuilt the trigram index in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    // VACUUM sets the visibility map, so index-only scans apply as on a long-running database.
    await ds.query('VACUUM ANALYZE');
    return key.raw;
  } finally {
    await ds.destroy();
  }
}

/** N keep-alive connections asking for `route` back to back for `seconds` (autocannon). */
function load(port: number, apiKey: string, route: string, clients: number, seconds: number) {
  return autocannon({
    url: `http://127.0.0.1:${port}${route}`,
    connections: clients,
    duration: seconds,
    headers: { 'X-API-Key': apiKey },
  });
}

async function drive(
  apiPid: number,
  port: number,
  apiKey: string,
  route: string,
  o: Options,
): Promise<RouteResult> {
  await load(port, apiKey, route, o.clients, o.warmupSeconds);
  const cpuBefore = treeCpuSeconds(apiPid);
  const clientCpuBefore = process.cpuUsage();
  const result = await load(port, apiKey, route, o.clients, o.seconds);
  const cpuUsed = (treeCpuSeconds(apiPid) - cpuBefore) * 1000;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const requests = result.requests.total;
  const round = (x: number): number => Math.round(x * 10) / 10;
  return {
    route,
    requests,
    errors: result.errors + result.non2xx,
    rps: Math.round(requests / o.seconds),
    p50_ms: round(result.latency.p50),
    p90_ms: round(result.latency.p90),
    p99_ms: round(result.latency.p99),
    max_ms: round(result.latency.max),
    api_cpu_ms_per_req: Math.round((cpuUsed / Math.max(1, requests)) * 100) / 100,
    client_cpu_ms_per_req:
      Math.round(((clientCpu.user + clientCpu.system) / 1000 / Math.max(1, requests)) * 100) / 100,
  };
}

function table(results: RouteResult[]): string {
  const head = [
    'route',
    'req/s',
    'p50 ms',
    'p90 ms',
    'p99 ms',
    'max ms',
    'api cpu ms/req',
    'client cpu ms/req',
    'errors',
  ];
  const rows = results.map((r) => [
    r.route,
    String(r.rps),
    String(r.p50_ms),
    String(r.p90_ms),
    String(r.p99_ms),
    String(r.max_ms),
    String(r.api_cpu_ms_per_req),
    String(r.client_cpu_ms_per_req),
    String(r.errors),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const dbName = o.reuse ?? `piyasa_bench_${suffix}`;
  const prefix = `bench_${suffix}`;
  const url = databaseUrl(dbName);
  let api: ApiProcess | undefined;
  if (!o.reuse) {
    await admin((c) => c.query(`CREATE DATABASE "${dbName}"`));
  }
  try {
    let apiKey: string;
    if (o.reuse) {
      log(`reusing the seeded database ${dbName}`);
      apiKey = await newKey(url);
    } else {
      log(`seeding ${o.bots} bots, ${o.chats} chats, ${o.messages} messages into ${dbName}`);
      apiKey = await seed(url, o);
    }
    ensureProductionBuild();
    api = await ApiProcess.start(
      { DATABASE_URL: url, REDIS_URL, REDIS_PREFIX: prefix, API_PROCESSES: String(o.apiProcesses) },
      120_000,
      o.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', o.cpuProf] : [],
    );
    log(`API up on port ${api.port}; ${o.clients} clients, ${o.seconds} s per route`);
    const results: RouteResult[] = [];
    for (const route of o.routes) {
      const result = await drive(api.pid, api.port, apiKey, route, o);
      log(`${route}: p99 ${result.p99_ms} ms, ${result.rps} req/s, ${result.errors} errors`);
      results.push(result);
    }
    process.stdout.write(`\n${table(results)}\n\n`);
    process.stdout.write(
      `${JSON.stringify({ options: o, cpus: (await import('node:os')).cpus().length, results }, null, 2)}\n`,
    );
  } finally {
    await api?.stop();
    if (o.keepDb) {
      log(`kept database ${dbName} (drop it with: DROP DATABASE "${dbName}")`);
    } else {
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`));
    }
    const redis = new Redis(REDIS_URL);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) {
        await redis.del(...keys);
      }
    } while (cursor !== '0');
    redis.disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
