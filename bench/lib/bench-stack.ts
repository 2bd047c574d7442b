import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Bot } from '../../src/bots/entities/bot.entity';
import { Chat } from '../../src/chats/entities/chat.entity';
import { ChatBot, ChatBotStatus } from '../../src/chats/entities/chat-bot.entity';
import { AssociatedData } from '../../src/crypto/associated-data';
import { EncryptionService } from '../../src/crypto/encryption.service';
import { Setting } from '../../src/settings/entities/setting.entity';
import { Role } from '../../src/users/entities/api-user.entity';
import { UserFactory } from '../../test/support/factories/user.factory';
import { FakeOpenAiServer, RecordedLlmRequest } from '../../test/support/fakes/fake-openai-server';
import { FakeTelegramServer } from '../../test/support/fakes/fake-telegram-server';
import { testConfig } from '../../test/support/test-config';
import { TestDatabase } from '../../test/support/test-database';
import { WorkerProcess } from '../../test/support/worker-process';
import { ApiProcess } from './api-process';
import { PrivateRedis } from './private-redis';
import { ensureProductionBuild, productionNodeArgs } from './production-build';
import { WatchedProcess } from './process-sampler';
import { log } from './report';

/** What to load into the database before the processes start. */
export interface StackSeed {
  bots: number;
  chats: number;
  /** Settings rows (the registry's keys); everything else keeps its default. */
  settings: Record<string, unknown>;
  /** Every bot's speed_profile; omitted: the default profile. */
  botSpeedProfile?: Record<string, unknown>;
}

const REDIS_PREFIX = 'bench';

const WORDS = (
  'thyao asels garan akbnk bist dolar euro altın ons bitcoin faiz enflasyon destek direnç ' +
  'hacim kapanış açılış yükseliş düşüş trend kanal hedef stop zarar kâr bugün yarın sabah ' +
  'akşam seans haftalık günlük merkez bankası karar beklenti veri satış alış tepki kırılım'
).split(' ');

/** Varied Turkish-looking text so post-processing and dedup treat replies like real ones. */
export function variedReply(index: number): string {
  let state = (index * 2654435761) >>> 0;
  const next = (): number => {
    state = (Math.imul(state ^ (state >>> 15), 2246822507) + 0x9e3779b9) >>> 0;
    return state;
  };
  const words = Array.from({ length: 8 + (next() % 8) }, () => WORDS[next() % WORDS.length]);
  return `${words.join(' ')} bence ${index}.`;
}

/** Consistency checks get a verdict (no contradiction), everything else a varied line. */
function benchReply(request: RecordedLlmRequest, index: number): string {
  const user = request.body.messages.find((m) => m.role === 'user')?.content ?? '';
  return user.includes('"contradicts"')
    ? '{"contradicts": false, "reason": "çelişki yok"}'
    : variedReply(index);
}

/**
 * The system under test for a benchmark: a throwaway migrated database, a private redis-server,
 * the fake Telegram and OpenAI servers on localhost, and the real API and worker processes.
 * Everything it creates is removed by close().
 */
export class BenchStack {
  readonly workers: WorkerProcess[] = [];
  api?: ApiProcess;
  private readonly encryptionKeys = `k1:${randomBytes(32).toString('base64')}`;

  private constructor(
    readonly db: TestDatabase,
    readonly ds: DataSource,
    readonly redis: PrivateRedis,
    readonly telegram: FakeTelegramServer,
    readonly openai: FakeOpenAiServer,
  ) {}

  static async start(options: { llmDelayMs: number }): Promise<BenchStack> {
    // Before anything is created: a failed build leaves nothing to clean up.
    ensureProductionBuild();
    const db = await TestDatabase.migrated('bench');
    const [ds, redis, telegram, openai] = await Promise.all([
      db.dataSource(),
      PrivateRedis.start(),
      FakeTelegramServer.start(),
      FakeOpenAiServer.start(),
    ]);
    openai.defaultDelayMs = options.llmDelayMs;
    openai.reply = benchReply;
    return new BenchStack(db, ds, redis, telegram, openai);
  }

  get redisPrefix(): string {
    return REDIS_PREFIX;
  }

  /** Bots with encrypted (fake) tokens, chats with an equal share of them, and the settings. */
  async seed(seed: StackSeed): Promise<void> {
    const started = Date.now();
    const encryption = new EncryptionService(
      testConfig(this.db.url, { ENCRYPTION_KEYS: this.encryptionKeys }),
    );
    const botRepo = this.ds.getRepository(Bot);
    const bots = await botRepo.save(
      Array.from({ length: seed.bots }, (_, i) =>
        botRepo.create({ name: `Bench Bot ${i}`, speedProfile: seed.botSpeedProfile ?? {} }),
      ),
    );
    const ids = bots.map((bot) => bot.id);
    const tokens = ids.map(
      (id) => `${800000 + id}:${randomBytes(26).toString('base64url').slice(0, 35)}`,
    );
    // The ciphertext is bound to the bot id, so tokens go in after the ids exist: one statement.
    await this.ds.query(
      `UPDATE bots SET token_ciphertext = v.ciphertext, token_fingerprint = v.fingerprint,
              username = v.username
       FROM unnest($1::int[], $2::text[], $3::text[], $4::text[]) AS v(id, ciphertext, fingerprint, username)
       WHERE bots.id = v.id`,
      [
        ids,
        ids.map((id, i) => encryption.encrypt(tokens[i], AssociatedData.botToken(id))),
        tokens.map((token) => createHash('sha256').update(token).digest('hex')),
        ids.map((id) => `bench${id}_bot`),
      ],
    );
    ids.forEach((id, i) => this.telegram.registerBot(tokens[i], { username: `bench${id}_bot` }));

    const chats = await this.ds.getRepository(Chat).insert(
      Array.from({ length: seed.chats }, (_, c) => ({
        chatId: -1_000_000_000_000 - c,
        title: `Bench chat ${c}`,
      })),
    );
    const perChat = Math.max(1, Math.floor(seed.bots / seed.chats));
    const memberships = chats.identifiers.flatMap((row, c) =>
      ids
        .slice(c * perChat, c * perChat + perChat)
        .map((botId) => ({ chatDbId: Number(row.id), botId, status: ChatBotStatus.Member })),
    );
    await this.ds.getRepository(ChatBot).insert(memberships);
    await this.ds
      .getRepository(Setting)
      .save(Object.entries(seed.settings).map(([key, value]) => ({ key, value })));
    log(`seeded ${seed.bots} bots in ${seed.chats} chats in ${Date.now() - started} ms`);
  }

  /** A viewer's API key (raw, for X-API-Key). */
  async apiKey(): Promise<string> {
    return (await UserFactory.withApiKey(this.ds, Role.Viewer)).rawKey;
  }

  private commonEnv(): Record<string, string> {
    return {
      DATABASE_URL: this.db.url,
      REDIS_URL: this.redis.url,
      REDIS_PREFIX: REDIS_PREFIX,
      MIGRATIONS_RUN_ON_START: 'false',
      ENCRYPTION_KEYS: this.encryptionKeys,
    };
  }

  async startApi(env: Record<string, string> = {}): Promise<ApiProcess> {
    this.api = await ApiProcess.start({ ...this.commonEnv(), ...env });
    log(`API up on ${this.api.url} (pid ${this.api.pid})`);
    return this.api;
  }

  /**
   * Starts `count` worker processes one after another (each waits until it consumes), as
   * production does: `start:worker` of package.json (built dist/, heap cap).
   */
  async startWorkers(count: number, env: Record<string, string> = {}): Promise<void> {
    for (let i = 0; i < count; i++) {
      const worker = await WorkerProcess.start(
        {
          ...this.commonEnv(),
          NODE_ENV: 'production',
          DATABASE_POOL_SIZE: '10',
          TELEGRAM_API_ROOT: this.telegram.apiRoot,
          LLM_PROVIDER: 'openai',
          LLM_BASE_URL: this.openai.baseUrl,
          LLM_API_KEY: 'bench-key',
          // "Worker started", which start() waits for, is an info line.
          LOG_LEVEL: 'info',
          ...(process.env.TURN_CONCURRENCY && { TURN_CONCURRENCY: process.env.TURN_CONCURRENCY }),
          ...env,
        },
        120_000,
        // e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the workers: node arguments, not
        // NODE_OPTIONS, which refuses --cpu-prof.
        [
          ...(process.env.WORKER_NODE_OPTIONS?.split(/\s+/).filter(Boolean) ?? []),
          ...productionNodeArgs('start:worker'),
        ],
      );
      this.workers.push(worker);
      log(`worker ${this.workers.length} up (pid ${worker.pid})`);
    }
  }

  /** The processes the tables report on. */
  processes(): WatchedProcess[] {
    return [
      ...(this.api ? [{ name: 'api', pid: this.api.pid }] : []),
      ...this.workers.map((w, i) => ({ name: `worker-${i + 1}`, pid: w.pid })),
      { name: 'redis-server', pid: this.redis.pid },
    ];
  }

  /** Stops the API and the workers (SIGTERM, graceful), so their database counters are final. */
  async stopProcesses(): Promise<void> {
    await Promise.all([...this.workers.map((w) => w.stop()), this.api?.stop()]);
  }

  async close(): Promise<void> {
    for (const w of this.workers) {
      w.kill();
    }
    await this.stopProcesses().catch(() => undefined);
    await Promise.allSettled([this.telegram.stop(), this.openai.stop(), this.redis.stop()]);
    await this.ds.destroy().catch(() => undefined);
    await this.db.drop();
  }
}
