import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Bot } from '../../src/bots/entities/bot.entity';
import { BotHolding } from '../../src/bots/entities/bot-holding.entity';
import { BotStance } from '../../src/bots/entities/bot-stance.entity';
import { Chat } from '../../src/chats/entities/chat.entity';
import { ChatBot, ChatBotStatus } from '../../src/chats/entities/chat-bot.entity';
import { EncryptionService } from '../../src/crypto/encryption.service';
import { AssociatedData } from '../../src/crypto/associated-data';
import { Message, MessageState } from '../../src/messages/entities/message.entity';
import { Setting } from '../../src/settings/entities/setting.entity';
import { ApiHarness } from './api-harness';
import { FakeOpenAiServer, RecordedLlmRequest } from './fakes/fake-openai-server';
import { FakeTelegramServer } from './fakes/fake-telegram-server';
import { TEST_REDIS_URL } from './test-env';
import { WorkerProcess } from './worker-process';

/** Settings for a lively, fast simulation (typing off unless a test measures it). */
export const FAST_SETTINGS: Record<string, unknown> = {
  simulation_active: true,
  scale_factor: 10,
  typing_enabled: false,
  max_msgs_per_min: 1200,
  bot_hourly_msg_limit: { min: 200, max: 1000 },
  prime_hours_boost: false,
  persona_refresh_interval: 1000,
};

const OPENERS = ['Bence', 'Valla', 'Açıkçası', 'Şahsen', 'Bana kalırsa', 'Hmm', 'Yani', 'Aslında'];
const TAILS = ['sabırlı olmak lazım', 'acele etmiyorum', 'bakalım haftaya', 'takipteyim'];
const MARKET_WORDS = (
  'borsa endeks hisse dolar altın faiz enflasyon bilanço temettü hacim direnç destek trend grafik ' +
  'yabancı sepet kâr zarar satış alış tahvil kur petrol banka sanayi enerji teknoloji perakende ' +
  'havacılık savunma çelik otomotiv gıda inşaat gayrimenkul kripto bitcoin ons gram piyasa seans ' +
  'kapanış açılış haftalık aylık yıllık rekor dip tepe düzeltme toparlanma sıkışma kırılım hedef ' +
  'stop maliyet ortalama beklenti karar toplantı veri rapor büyüme ihracat ithalat cari bütçe vergi ' +
  'yatırımcı fon arz talep likidite volatilite risk getiri vade opsiyon rezerv merkez politika'
).split(' ');

/** A well-mixed 32-bit hash of (index, slot): word choices with no shared period. */
function mix(index: number, slot: number): number {
  let x = (Math.imul(index + 1, 2654435761) ^ Math.imul(slot + 1, 40503)) >>> 0;
  x ^= x >>> 13;
  x = Math.imul(x, 0x5bd1e995) >>> 0;
  return (x ^ (x >>> 15)) >>> 0;
}

/**
 * A different Turkish market line for every index, far enough from any other that the engine's
 * near-duplicate check has no reason to fire even over hundreds of messages: seven market words
 * drawn per index (slot-filled templates repeat within a few dozen lines and read as duplicates).
 */
export function variedTurkishLine(index: number): string {
  const words: string[] = [];
  for (let slot = 0; words.length < 7; slot += 1) {
    const word = MARKET_WORDS[mix(index, slot) % MARKET_WORDS.length];
    if (!words.includes(word)) {
      words.push(word);
    }
  }
  const opener = OPENERS[mix(index, 100) % OPENERS.length];
  const tail = TAILS[mix(index, 101) % TAILS.length];
  return `${opener} ${words.join(' ')}, ${tail}`;
}

/** Fake OpenAI answers: a JSON verdict for consistency checks, varied chat lines otherwise. */
export function chatReply(request: RecordedLlmRequest, index: number): string {
  const user = request.body.messages.find((m) => m.role === 'user')?.content ?? '';
  if (user.includes('"contradicts"')) {
    return '{"contradicts": false, "reason": "çelişki yok"}';
  }
  return variedTurkishLine(index);
}

export interface SeededBot {
  bot: Bot;
  token: string;
}

/**
 * The whole system for an end-to-end test: the real API on its own database and Redis prefix,
 * fake Telegram and fake OpenAI servers, and worker processes started with `startWorker()`.
 */
export class EngineE2e {
  readonly workers: WorkerProcess[] = [];

  private constructor(
    readonly api: ApiHarness,
    readonly telegram: FakeTelegramServer,
    readonly llm: FakeOpenAiServer,
    readonly encryption: EncryptionService,
    private readonly encryptionKeys: string,
    private readonly redisUrl: string,
  ) {}

  static async start(label: string, options: { redisUrl?: string } = {}): Promise<EngineE2e> {
    const redisUrl = options.redisUrl ?? TEST_REDIS_URL;
    const encryptionKeys = `k1:${randomBytes(32).toString('base64')}`;
    const [telegram, llm] = await Promise.all([
      FakeTelegramServer.start(),
      FakeOpenAiServer.start(),
    ]);
    llm.reply = chatReply;
    const api = await ApiHarness.start(label, {
      ENCRYPTION_KEYS: encryptionKeys,
      REDIS_URL: redisUrl,
    });
    return new EngineE2e(
      api,
      telegram,
      llm,
      new EncryptionService(api.config),
      encryptionKeys,
      redisUrl,
    );
  }

  get ds(): DataSource {
    return this.api.dataSource;
  }

  /** The environment of a worker process of this system; `extra` overrides. */
  workerEnv(extra: Record<string, string> = {}): Record<string, string> {
    return {
      DATABASE_URL: this.api.db.url,
      DATABASE_POOL_SIZE: '5',
      REDIS_URL: this.redisUrl,
      REDIS_PREFIX: this.api.config.redis.prefix,
      MIGRATIONS_RUN_ON_START: 'false',
      ENCRYPTION_KEYS: this.encryptionKeys,
      TELEGRAM_API_ROOT: this.telegram.apiRoot,
      TELEGRAM_REQUEST_TIMEOUT_MS: '5000',
      LLM_PROVIDER: 'openai',
      LLM_BASE_URL: this.llm.baseUrl,
      LLM_API_KEY: 'test',
      LLM_TIMEOUT_MS: '3000',
      LOG_LEVEL: 'info',
      // Transpile with swc instead of type-checking at every start (seconds instead of tens).
      TS_NODE_SWC: 'true',
      ...extra,
    };
  }

  async startWorker(extra: Record<string, string> = {}): Promise<WorkerProcess> {
    const worker = await WorkerProcess.start(this.workerEnv(extra));
    this.workers.push(worker);
    return worker;
  }

  async settings(values: Record<string, unknown>): Promise<void> {
    await this.ds
      .getRepository(Setting)
      .save(Object.entries(values).map(([key, value]) => ({ key, value })));
  }

  /** A bot with a (fake) Telegram token stored encrypted, persona, stances and holdings. */
  async bot(name: string, overrides: Partial<Bot> = {}): Promise<SeededBot> {
    const repo = this.ds.getRepository(Bot);
    const bot = await repo.save(
      repo.create({
        name,
        username: `${name.toLowerCase()}_bot`,
        personaHint: `${name}, borsayı yakından izleyen bir yatırımcı.`,
        ...overrides,
      }),
    );
    const token = `${800000 + bot.id}:${randomBytes(26).toString('base64url').slice(0, 35)}`;
    await repo.update(
      { id: bot.id },
      {
        tokenCiphertext: this.encryption.encrypt(token, AssociatedData.botToken(bot.id)),
        tokenFingerprint: createHash('sha256').update(token).digest('hex'),
        tokenHint: `${token.slice(0, 4)}…${token.slice(-4)}`,
      },
    );
    this.telegram.registerBot(token, { id: 800000 + bot.id, username: bot.username ?? undefined });
    return { bot: await repo.findOneByOrFail({ id: bot.id }), token };
  }

  async stance(botId: number, topic: string, stanceText: string, confidence = 0.8): Promise<void> {
    const repo = this.ds.getRepository(BotStance);
    await repo.save(repo.create({ botId, topic, stanceText, confidence }));
  }

  async holding(botId: number, symbol: string, avgPrice: number, size: number): Promise<void> {
    const repo = this.ds.getRepository(BotHolding);
    await repo.save(repo.create({ botId, symbol, avgPrice, size, note: null }));
  }

  async chat(title: string, botIds: number[], overrides: Partial<Chat> = {}): Promise<Chat> {
    const repo = this.ds.getRepository(Chat);
    const chat = await repo.save(
      repo.create({
        chatId: -1_000_000_000_000 - Math.floor(Math.random() * 1e9),
        title,
        topics: ['BIST', 'FX'],
        ...overrides,
      }),
    );
    await this.ds
      .getRepository(ChatBot)
      .save(botIds.map((botId) => ({ chatDbId: chat.id, botId, status: ChatBotStatus.Member })));
    return chat;
  }

  messages(
    where: { chatDbId?: number; botId?: number; state?: MessageState } = {},
  ): Promise<Message[]> {
    return this.ds.getRepository(Message).find({ where, order: { id: 'ASC' } });
  }

  async sentCount(): Promise<number> {
    return this.ds.getRepository(Message).countBy({ state: MessageState.Sent });
  }

  /** Polls until `check` is true (or fails with the last state after `timeoutMs`). */
  async waitFor(
    what: string,
    check: () => Promise<boolean> | boolean,
    timeoutMs = 30000,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) {
        const states = (await this.messages()).map((m) => `${m.id}:${m.state}:${m.stateReason}`);
        throw new Error(
          `timed out waiting for ${what}; llm requests ${this.llm.requests.length}, telegram ` +
            `requests ${this.telegram.requests.length}, messages ${states.join(' ')}; worker logs:\n${this.workers
              .map((w) => w.output.slice(-3000))
              .join('\n---\n')}`,
        );
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async stop(): Promise<void> {
    await this.settings({ simulation_active: false }).catch(() => undefined);
    await Promise.all(this.workers.map((w) => w.stop()));
    await this.api.stop();
    await Promise.all([this.telegram.stop(), this.llm.stop()]);
  }
}
