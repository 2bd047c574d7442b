import { setTimeout as delay } from 'node:timers/promises';
import { TelegramError, TelegramErrorKind } from './telegram-error';
import { classifyApiError } from './telegram-error-classifier.util';
import { TelegramLimitMonitor } from './telegram-limit-monitor';
import { InMemorySandboxMessageIdStore, SandboxMessageIdStore } from './sandbox-message-id-store';
import {
  AllowedUpdate,
  SendMessageOptions,
  SentMessage,
  TelegramBotUser,
  TelegramCallEvent,
  TelegramChatId,
  TelegramTransport,
  TelegramUpdate,
} from './telegram-transport';

export type SandboxMethod =
  | 'getMe'
  | 'sendMessage'
  | 'sendChatAction'
  | 'setMessageReaction'
  | 'getUpdates'
  | 'setWebhook'
  | 'deleteWebhook';

export interface SandboxTransportOptions {
  botId: number;
  /** Display name of the bot; getMe's first_name and the base of its username. */
  botName: string;
  /**
   * Shared message-id counters: a RedisSandboxMessageIdStore in workers (unique across replicas),
   * one InMemorySandboxMessageIdStore per test otherwise. Bots of one chat must share the store.
   */
  messageIds?: SandboxMessageIdStore;
  /**
   * Answers 429 like Telegram when a request breaks its flood limits (checked in this process
   * only). Share one monitor between the sandbox bots of a process.
   */
  limits?: TelegramLimitMonitor;
  now?: () => number;
  /** Metrics hook, called once per call like the real transport's (with sandbox: true). */
  onCall?: (event: TelegramCallEvent) => void;
  /** Waits of idle long polls (tests pass a fake). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface SandboxSentMessage {
  chatId: number;
  messageId: number;
  text: string;
  replyToMessageId?: number;
  at: number;
}

export interface SandboxFailure {
  /** How many of the next matching calls fail. */
  times?: number;
  retryAfterSeconds?: number;
  newChatId?: number;
}

/** Fake bot user ids live above Telegram's current range so they never collide with real ones. */
const SANDBOX_USER_ID_BASE = 9_000_000_000;
const MAX_TEXT_LENGTH = 4096;
/** Recent history kept for inspection; the real transcript is the database. */
const HISTORY_LIMIT = 500;

/** The Bot API answer Telegram would give for each classification. */
const SCRIPTED: Record<TelegramErrorKind, { status: number; description: string }> = {
  [TelegramErrorKind.RateLimited]: { status: 429, description: 'Too Many Requests: retry after' },
  [TelegramErrorKind.Transient]: { status: 502, description: 'Bad Gateway' },
  [TelegramErrorKind.Ambiguous]: { status: 0, description: 'no answer' },
  [TelegramErrorKind.ChatMigrated]: {
    status: 400,
    description: 'Bad Request: group chat was upgraded to a supergroup chat',
  },
  [TelegramErrorKind.Forbidden]: {
    status: 403,
    description: 'Forbidden: bot was kicked from the group chat',
  },
  [TelegramErrorKind.ChatNotFound]: { status: 400, description: 'Bad Request: chat not found' },
  [TelegramErrorKind.Unauthorized]: { status: 401, description: 'Unauthorized' },
  [TelegramErrorKind.MessageTooLong]: {
    status: 400,
    description: 'Bad Request: message is too long',
  },
  [TelegramErrorKind.BadRequest]: { status: 400, description: 'Bad Request' },
  [TelegramErrorKind.Conflict]: {
    status: 409,
    description: 'Conflict: terminated by other getUpdates request',
  },
};

/**
 * A transport that behaves like Telegram without a network (SPEC 8.6): per-chat increasing message
 * ids, recorded reactions, Telegram's own validation (text length, flood limits) and errors on
 * demand. Used by demo bots and bots without a real token.
 */
export class SandboxTransport implements TelegramTransport {
  readonly sent: SandboxSentMessage[] = [];
  private readonly reactions = new Map<string, string | null>();
  private readonly failures: {
    method: SandboxMethod | '*';
    kind: TelegramErrorKind;
    left: number;
    extra: SandboxFailure;
  }[] = [];
  private readonly messageIds: SandboxMessageIdStore;
  private readonly limits: TelegramLimitMonitor | undefined;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(private readonly options: SandboxTransportOptions) {
    this.messageIds = options.messageIds ?? new InMemorySandboxMessageIdStore();
    this.limits = options.limits;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms, signal) => delay(ms, undefined, { signal }));
  }

  /** Makes the next `times` calls of `method` ('*': any) fail with `kind`. */
  failNext(
    method: SandboxMethod | '*',
    kind: TelegramErrorKind,
    failure: SandboxFailure = {},
  ): void {
    this.failures.push({ method, kind, left: failure.times ?? 1, extra: failure });
  }

  /** The bot's current reaction on a message (undefined: never set). */
  reactionOn(chatId: number, messageId: number): string | null | undefined {
    return this.reactions.get(`${chatId}:${messageId}`);
  }

  async getMe(): Promise<TelegramBotUser> {
    return this.track('getMe', async () => {
      const slug = this.options.botName
        // Turkish names: "Şükrü Işık" → "sukru_isik" (drop accents; ı has no decomposition).
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/ı/g, 'i')
        .replace(/[^A-Za-z0-9]+/g, '_')
        .replace(/^_+|_+$/g, '')
        .toLowerCase()
        .slice(0, 20);
      return {
        id: SANDBOX_USER_ID_BASE + this.options.botId,
        isBot: true,
        firstName: this.options.botName,
        username: `${slug || 'sandbox'}_${this.options.botId}_bot`,
      };
    });
  }

  async sendMessage(
    chatId: TelegramChatId,
    text: string,
    options: SendMessageOptions,
  ): Promise<SentMessage> {
    return this.track('sendMessage', async () => {
      const chat = this.numericChat('sendMessage', chatId);
      if (text.trim().length === 0) {
        throw this.apiError('sendMessage', 400, 'Bad Request: message text is empty');
      }
      if (text.length > MAX_TEXT_LENGTH) {
        throw this.apiError('sendMessage', 400, 'Bad Request: message is too long');
      }
      const at = this.now();
      this.checkLimits('sendMessage', at, chat, true);
      const messageId = await this.messageIds.next(String(chat));
      this.sent.push({
        chatId: chat,
        messageId,
        text,
        replyToMessageId: options.replyToMessageId,
        at,
      });
      if (this.sent.length > HISTORY_LIMIT) {
        this.sent.shift();
      }
      return { messageId, chatId: chat, date: Math.floor(at / 1000) };
    });
  }

  async sendChatAction(chatId: TelegramChatId, _action: 'typing'): Promise<void> {
    return this.track('sendChatAction', async () => {
      this.checkLimits(
        'sendChatAction',
        this.now(),
        this.numericChat('sendChatAction', chatId),
        false,
      );
    });
  }

  async setMessageReaction(
    chatId: TelegramChatId,
    messageId: number,
    emoji: string | null,
  ): Promise<void> {
    return this.track('setMessageReaction', async () => {
      const chat = this.numericChat('setMessageReaction', chatId);
      this.checkLimits('setMessageReaction', this.now(), chat, false);
      const key = `${chat}:${messageId}`;
      // Keep the map bounded like the history: drop the oldest reaction first.
      this.reactions.delete(key);
      this.reactions.set(key, emoji);
      if (this.reactions.size > HISTORY_LIMIT) {
        const oldest = this.reactions.keys().next().value;
        if (oldest !== undefined) {
          this.reactions.delete(oldest);
        }
      }
    });
  }

  /**
   * Nobody writes to sandbox bots: like an idle long poll, answers empty after the timeout, so a
   * poller started for a sandbox bot waits instead of spinning.
   */
  async getUpdates(
    _offset: number,
    timeoutSeconds: number,
    _allowedUpdates: readonly AllowedUpdate[],
    signal?: AbortSignal,
  ): Promise<TelegramUpdate[]> {
    return this.track('getUpdates', async () => {
      try {
        await this.sleep(timeoutSeconds * 1000, signal);
      } catch {
        throw new TelegramError(TelegramErrorKind.Transient, 'Telegram getUpdates cancelled', {
          method: 'getUpdates',
        });
      }
      return [];
    });
  }

  async setWebhook(
    _url: string,
    _secretToken: string,
    _allowedUpdates: readonly AllowedUpdate[],
  ): Promise<void> {
    return this.track('setWebhook', async () => undefined);
  }

  async deleteWebhook(): Promise<void> {
    return this.track('deleteWebhook', async () => undefined);
  }

  /** Runs one call: scripted failure first, then the work; reports the outcome to onCall. */
  private async track<T>(method: SandboxMethod, work: () => Promise<T>): Promise<T> {
    const started = this.now();
    try {
      this.maybeFail(method);
      const result = await work();
      this.emit({ method, outcome: 'ok', latencyMs: this.now() - started, sandbox: true });
      return result;
    } catch (error) {
      if (error instanceof TelegramError) {
        this.emit({
          method,
          outcome: error.kind,
          status: error.status,
          retryAfterSeconds: error.retryAfterSeconds,
          latencyMs: this.now() - started,
          sandbox: true,
        });
      }
      throw error;
    }
  }

  private emit(event: TelegramCallEvent): void {
    try {
      this.options.onCall?.(event);
    } catch {
      // A broken metrics hook must not fail a send.
    }
  }

  private numericChat(method: SandboxMethod, chatId: TelegramChatId): number {
    const chat = typeof chatId === 'number' ? chatId : Number(chatId);
    if (!Number.isSafeInteger(chat)) {
      throw this.apiError(method, 400, 'Bad Request: chat not found');
    }
    return chat;
  }

  private checkLimits(method: SandboxMethod, at: number, chatId: number, isMessage: boolean): void {
    if (!this.limits) {
      return;
    }
    const event = { at, bot: String(this.options.botId), chatId, isMessage };
    if (this.limits.evaluate(event).length > 0) {
      throw classifyApiError(method, {
        error_code: 429,
        description: 'Too Many Requests: retry after 1',
        parameters: { retry_after: 1 },
      });
    }
    this.limits.record(event);
  }

  private maybeFail(method: SandboxMethod): void {
    const index = this.failures.findIndex((f) => f.method === method || f.method === '*');
    if (index < 0) {
      return;
    }
    const failure = this.failures[index];
    failure.left -= 1;
    if (failure.left <= 0) {
      this.failures.splice(index, 1);
    }
    const { status, description } = SCRIPTED[failure.kind];
    if (failure.kind === TelegramErrorKind.Ambiguous) {
      throw new TelegramError(failure.kind, `Telegram ${method} timed out: sandbox`, { method });
    }
    throw classifyApiError(method, {
      error_code: status,
      description,
      parameters: {
        retry_after:
          failure.kind === TelegramErrorKind.RateLimited
            ? (failure.extra.retryAfterSeconds ?? 1)
            : undefined,
        migrate_to_chat_id:
          failure.kind === TelegramErrorKind.ChatMigrated
            ? (failure.extra.newChatId ?? -1000000000001)
            : undefined,
      },
    });
  }

  private apiError(method: SandboxMethod, status: number, description: string): TelegramError {
    return classifyApiError(method, { error_code: status, description });
  }
}
