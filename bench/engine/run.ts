/**
 * Engine benchmark (not part of npm test): a throwaway database, the fake Telegram and OpenAI
 * servers and N real worker processes, then messages/second, end-to-end latency, scheduling lag,
 * worker RSS, Redis connections per worker and Telegram limit violations for one scenario.
 *
 *   npm run bench:engine -- --scenario zero-latency|llm-2s|realistic [--seconds 60] [--workers N]
 *
 * Prints a table and writes JSON to bench/results/ (git-ignored).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Bot } from '../../src/bots/entities/bot.entity';
import { Chat } from '../../src/chats/entities/chat.entity';
import { ChatBot, ChatBotStatus } from '../../src/chats/entities/chat-bot.entity';
import { EncryptionService } from '../../src/crypto/encryption.service';
import { AssociatedData } from '../../src/crypto/associated-data';
import { QueueName } from '../../src/queue/queue-name';
import { Setting } from '../../src/settings/entities/setting.entity';
import { FakeOpenAiServer } from '../../test/support/fakes/fake-openai-server';
import { FakeTelegramServer } from '../../test/support/fakes/fake-telegram-server';
import { deleteRedisPrefix } from '../../test/support/redis-cleanup';
import { testConfig } from '../../test/support/test-config';
import { TEST_REDIS_URL, uniqueSuffix } from '../../test/support/test-env';
import { TestDatabase } from '../../test/support/test-database';
import { WorkerProcess } from '../../test/support/worker-process';

type ScenarioName = 'zero-latency' | 'llm-2s' | 'realistic';

interface Scenario {
  workers: number;
  bots: number;
  chats: number;
  llmDelayMs: number;
  settings: Record<string, unknown>;
}

const SCENARIOS: Record<ScenarioName, Scenario> = {
  'zero-latency': {
    workers: 2,
    bots: 400,
    chats: 200,
    llmDelayMs: 0,
    settings: {
      simulation_active: true,
      typing_enabled: false,
      scale_factor: 10,
      // The registry's upper bounds: the global cap cannot be raised past 1200/min (20/s).
      max_msgs_per_min: 1200,
      bot_hourly_msg_limit: { min: 900, max: 1000 },
      dedup_enabled: false,
      humanization_enabled: false,
      news_trigger_enabled: false,
      // Otherwise most due turns of a chat without recent activity are skipped on purpose.
      new_message_probability: 1,
    },
  },
  'llm-2s': {
    workers: 1,
    bots: 400,
    chats: 200,
    llmDelayMs: 2000,
    settings: {
      simulation_active: true,
      typing_enabled: false,
      scale_factor: 10,
      max_msgs_per_min: 1200,
      bot_hourly_msg_limit: { min: 900, max: 1000 },
      dedup_enabled: false,
      news_trigger_enabled: false,
      new_message_probability: 1,
    },
  },
  realistic: {
    workers: 2,
    bots: 1000,
    chats: 200,
    llmDelayMs: 300,
    settings: {
      simulation_active: true,
      scale_factor: 10,
      max_msgs_per_min: 600,
      news_trigger_enabled: false,
    },
  },
};

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const WORDS = (
  'thyao asels garan akbnk bist dolar euro altın ons bitcoin faiz enflasyon destek direnç ' +
  'hacim kapanış açılış yükseliş düşüş trend kanal hedef stop zarar kâr bugün yarın sabah ' +
  'akşam seans haftalık günlük merkez bankası karar beklenti veri satış alış tepki kırılım'
).split(' ');

/** Varied Turkish-looking text so post-processing and dedup treat replies like real ones. */
function variedReply(index: number): string {
  let state = (index * 2654435761) >>> 0;
  const next = (): number => {
    state = (Math.imul(state ^ (state >>> 15), 2246822507) + 0x9e3779b9) >>> 0;
    return state;
  };
  const words = Array.from({ length: 8 + (next() % 8) }, () => WORDS[next() % WORDS.length]);
  return `${words.join(' ')} bence ${index}.`;
}

function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) {
    return null;
  }
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

async function redisConnections(redis: Redis, prefix: string): Promise<number> {
  const list = (await redis.call('CLIENT', 'LIST')) as string;
  return list.split('\n').filter((line) => line.includes(` name=${prefix}:`)).length;
}

async function seed(
  ds: DataSource,
  scenario: Scenario,
  encryption: EncryptionService,
  fake: FakeTelegramServer,
): Promise<void> {
  const botRepo = ds.getRepository(Bot);
  const bots: Bot[] = [];
  for (let i = 0; i < scenario.bots; i++) {
    const bot = await botRepo.save(botRepo.create({ name: `Bench Bot ${i}` }));
    const token = `${800000 + bot.id}:${randomBytes(26).toString('base64url').slice(0, 35)}`;
    await botRepo.update(
      { id: bot.id },
      {
        tokenCiphertext: encryption.encrypt(token, AssociatedData.botToken(bot.id)),
        tokenFingerprint: createHash('sha256').update(token).digest('hex'),
        username: `bench${bot.id}_bot`,
      },
    );
    fake.registerBot(token, { username: `bench${bot.id}_bot` });
    bots.push(bot);
  }
  const chatRepo = ds.getRepository(Chat);
  const perChat = Math.max(1, Math.floor(scenario.bots / scenario.chats));
  for (let c = 0; c < scenario.chats; c++) {
    const chat = await chatRepo.save(
      chatRepo.create({ chatId: -1_000_000_000_000 - c, title: `Bench chat ${c}` }),
    );
    const members = bots.slice(c * perChat, c * perChat + perChat);
    await ds
      .getRepository(ChatBot)
      .save(members.map((b) => ({ chatDbId: chat.id, botId: b.id, status: ChatBotStatus.Member })));
  }
  await ds
    .getRepository(Setting)
    .save(Object.entries(scenario.settings).map(([key, value]) => ({ key, value })));
}

async function main(): Promise<void> {
  const name = arg('scenario', 'zero-latency') as ScenarioName;
  const base = SCENARIOS[name];
  if (!base) {
    throw new Error(`unknown scenario ${name}: ${Object.keys(SCENARIOS).join(', ')}`);
  }
  const scenario: Scenario = {
    ...base,
    workers: Number(arg('workers', String(base.workers))),
    bots: Number(arg('bots', String(base.bots))),
    chats: Number(arg('chats', String(base.chats))),
  };
  const seconds = Number(arg('seconds', name === 'realistic' ? '60' : '30'));
  const warmupSeconds = Number(arg('warmup', '12'));

  const db = await TestDatabase.migrated('bench');
  const ds = await db.dataSource();
  const telegram = await FakeTelegramServer.start();
  const openai = await FakeOpenAiServer.start();
  openai.defaultDelayMs = scenario.llmDelayMs;
  openai.reply = (_request, index) => variedReply(index);
  const encryptionKeys = `k1:${randomBytes(32).toString('base64')}`;
  const prefix = `bench_${uniqueSuffix()}`;
  const config = testConfig(db.url, { ENCRYPTION_KEYS: encryptionKeys, REDIS_PREFIX: prefix });
  const admin = new Redis(TEST_REDIS_URL);
  const workers: WorkerProcess[] = [];
  try {
    await seed(ds, scenario, new EncryptionService(config), telegram);
    for (let i = 0; i < scenario.workers; i++) {
      workers.push(
        await WorkerProcess.start({
          DATABASE_URL: db.url,
          DATABASE_POOL_SIZE: '10',
          REDIS_URL: TEST_REDIS_URL,
          REDIS_PREFIX: prefix,
          MIGRATIONS_RUN_ON_START: 'false',
          ENCRYPTION_KEYS: encryptionKeys,
          TELEGRAM_API_ROOT: telegram.apiRoot,
          LLM_PROVIDER: 'openai',
          LLM_BASE_URL: openai.baseUrl,
          LLM_API_KEY: 'bench-key',
          LOG_LEVEL: 'info',
          ...(process.env.TURN_CONCURRENCY && { TURN_CONCURRENCY: process.env.TURN_CONCURRENCY }),
        }),
      );
    }
    // New chats start within a spread and the reconcile runs every 15 s: measure after warm-up.
    await new Promise((r) => setTimeout(r, warmupSeconds * 1000));
    const startedAt = new Date();
    const rss: number[][] = workers.map(() => []);
    const connections: number[] = [];
    const sampler = setInterval(() => {
      workers.forEach((w, i) => {
        const mb = rssMb(w.pid);
        if (mb !== null) {
          rss[i].push(mb);
        }
      });
      void redisConnections(admin, prefix).then((n) => connections.push(n));
    }, 2000);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    clearInterval(sampler);
    const endedAt = new Date();

    const sent = await ds.query<{ ms: number }[]>(
      `SELECT EXTRACT(EPOCH FROM (sent_at - created_at)) * 1000 AS ms FROM messages
       WHERE state = 'sent' AND sent_at >= $1 AND sent_at < $2 ORDER BY 1`,
      [startedAt, endedAt],
    );
    const latencies = sent.map((r) => Number(r.ms));
    const tickQueue = new Queue(QueueName.Tick, {
      connection: { url: TEST_REDIS_URL },
      prefix: `${prefix}:bull`,
    });
    const ticks = await tickQueue.getCompleted(0, 200);
    await tickQueue.close();
    // Why turns ended as they did (sent, skipped: reason): explains a rate below the caps.
    const turnQueue = new Queue(QueueName.Turn, {
      connection: { url: TEST_REDIS_URL },
      prefix: `${prefix}:bull`,
    });
    const turnOutcomes: Record<string, number> = {};
    for (const job of await turnQueue.getCompleted(0, 999)) {
      const value = job.returnvalue as { status?: string; reason?: string } | null;
      const key = `${value?.status ?? 'unknown'}${value?.reason ? `:${value.reason}` : ''}`;
      turnOutcomes[key] = (turnOutcomes[key] ?? 0) + 1;
    }
    await turnQueue.close();
    const lags = ticks
      .filter((j) => j.finishedOn && j.finishedOn >= startedAt.getTime())
      .map((j) => Number((j.returnvalue as { max_lag_ms?: number } | null)?.max_lag_ms ?? 0))
      .sort((a, b) => a - b);
    const violations = telegram.limitViolations();
    const result = {
      scenario: name,
      workers: scenario.workers,
      bots: scenario.bots,
      chats: scenario.chats,
      llm_delay_ms: scenario.llmDelayMs,
      settings: scenario.settings,
      measured_seconds: (endedAt.getTime() - startedAt.getTime()) / 1000,
      sent_messages: latencies.length,
      messages_per_second: +(latencies.length / seconds).toFixed(2),
      configured_cap_per_second: +(Number(scenario.settings.max_msgs_per_min ?? 6) / 60).toFixed(2),
      e2e_latency_ms: {
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
      },
      scheduling_lag_ms: {
        ticks: lags.length,
        p50: percentile(lags, 50),
        p99: percentile(lags, 99),
      },
      worker_rss_mb_max: rss.map((s) => (s.length ? Math.max(...s) : null)),
      redis_connections_per_worker: connections.length
        ? +(Math.max(...connections) / scenario.workers).toFixed(1)
        : null,
      llm_requests: openai.requests.length,
      llm_max_in_flight: openai.maxInFlight,
      telegram_send_requests: telegram.requests.filter((r) => r.method === 'sendMessage').length,
      turn_outcomes_last_1000: turnOutcomes,
      limit_violations: violations.length,
      limit_violation_rules: [...new Set(violations.map((v) => v.rule))],
      load_average: readFileSync('/proc/loadavg', 'utf8').trim(),
    };
    console.table({
      'messages/s': result.messages_per_second,
      'cap msgs/s': result.configured_cap_per_second,
      'e2e p50 ms': result.e2e_latency_ms.p50,
      'e2e p95 ms': result.e2e_latency_ms.p95,
      'e2e p99 ms': result.e2e_latency_ms.p99,
      'sched lag p50 ms': result.scheduling_lag_ms.p50,
      'sched lag p99 ms': result.scheduling_lag_ms.p99,
      'worker RSS MB': result.worker_rss_mb_max.join(' / '),
      'redis conns/worker': result.redis_connections_per_worker,
      'limit violations': result.limit_violations,
    });
    const dir = join(__dirname, '..', 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify(result, null, 2));
    console.log(JSON.stringify(result));
    console.log(`written ${file}`);
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await telegram.stop();
    await openai.stop();
    await ds.destroy();
    admin.disconnect();
    await deleteRedisPrefix(prefix);
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
