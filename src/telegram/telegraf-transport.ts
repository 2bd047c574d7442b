import { Logger } from '@nestjs/common';
import { Telegram, TelegramError as TelegrafApiError } from 'telegraf';
import type { Telegram as BotApi, Opts, ReactionType } from 'telegraf/types';
import { REDACTED, redactSecrets } from '../common/logging/redact';
import { TelegramError } from './telegram-error';
import { classifyApiError, classifyNetworkFailure } from './telegram-error-classifier.util';
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

/** Where failures are reported; Nest's Logger fits, tests pass a recorder. */
export interface TransportLogger {
  warn(message: string): void;
}

export interface TelegrafTransportOptions {
  token: string;
  /** Bot API root (config TELEGRAM_API_ROOT): api.telegram.org, a local Bot API server, a fake. */
  apiRoot: string;
  /** Upper bound of one request (getUpdates gets its long-poll timeout on top). */
  requestTimeoutMs?: number;
  logger?: TransportLogger;
  /** Metrics hook, called once per request. */
  onCall?: (event: TelegramCallEvent) => void;
}

/**
 * telegraf types its signal with the `abort-controller` polyfill; node-fetch 2 underneath accepts
 * any object whose class is named AbortSignal, so Node's native one works at runtime.
 */
type TelegrafSignal = NonNullable<Parameters<Telegram['callApi']>[2]>['signal'];

const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

/**
 * The real transport: telegraf's `Telegram` client against the configured Bot API root. Adds what
 * telegraf leaves out: a timeout per request (telegraf's own is 500 s), classification of every
 * failure, and redaction of the token from anything that leaves this class.
 */
export class TelegrafTransport implements TelegramTransport {
  private readonly telegram: Telegram;
  private readonly token: string;
  private readonly requestTimeoutMs: number;
  private readonly logger: TransportLogger;
  private readonly onCall: ((event: TelegramCallEvent) => void) | undefined;

  constructor(options: TelegrafTransportOptions) {
    this.token = options.token;
    this.telegram = new Telegram(options.token, { apiRoot: options.apiRoot });
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.logger = options.logger ?? new Logger(TelegrafTransport.name);
    this.onCall = options.onCall;
  }

  async getMe(): Promise<TelegramBotUser> {
    const me = await this.call('getMe', {});
    return { id: me.id, isBot: true, firstName: me.first_name, username: me.username };
  }

  async sendMessage(
    chatId: TelegramChatId,
    text: string,
    options: SendMessageOptions,
  ): Promise<SentMessage> {
    const message = await this.call('sendMessage', {
      chat_id: chatId,
      text,
      link_preview_options: { is_disabled: options.disableLinkPreview },
      ...(options.replyToMessageId !== undefined && {
        reply_parameters: {
          message_id: options.replyToMessageId,
          allow_sending_without_reply: options.allowSendingWithoutReply,
        },
      }),
    });
    return { messageId: message.message_id, chatId: message.chat.id, date: message.date };
  }

  async sendChatAction(chatId: TelegramChatId, action: 'typing'): Promise<void> {
    await this.call('sendChatAction', { chat_id: chatId, action });
  }

  async setMessageReaction(
    chatId: TelegramChatId,
    messageId: number,
    emoji: string | null,
  ): Promise<void> {
    // Telegram validates the emoji against its own list (400 REACTION_INVALID otherwise); the
    // typed union is only a snapshot of that list.
    const reaction = emoji === null ? [] : [{ type: 'emoji', emoji } as ReactionType];
    await this.call('setMessageReaction', { chat_id: chatId, message_id: messageId, reaction });
  }

  async getUpdates(
    offset: number,
    timeoutSeconds: number,
    allowedUpdates: readonly AllowedUpdate[],
    signal?: AbortSignal,
  ): Promise<TelegramUpdate[]> {
    return this.call(
      'getUpdates',
      { offset, timeout: timeoutSeconds, allowed_updates: allowedUpdates },
      timeoutSeconds * 1000 + this.requestTimeoutMs,
      signal,
    );
  }

  async setWebhook(
    url: string,
    secretToken: string,
    allowedUpdates: readonly AllowedUpdate[],
  ): Promise<void> {
    await this.call('setWebhook', {
      url,
      secret_token: secretToken,
      allowed_updates: allowedUpdates,
    });
  }

  async deleteWebhook(options: { dropPendingUpdates?: boolean } = {}): Promise<void> {
    await this.call('deleteWebhook', { drop_pending_updates: options.dropPendingUpdates ?? false });
  }

  private async call<M extends keyof BotApi>(
    method: M,
    payload: Opts<M>,
    timeoutMs = this.requestTimeoutMs,
    cancel?: AbortSignal,
  ): Promise<ReturnType<BotApi[M]>> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = cancel ? AbortSignal.any([cancel, timeout]) : timeout;
    const started = Date.now();
    try {
      const result = await this.telegram.callApi(method, payload, {
        signal: signal as unknown as TelegrafSignal,
      });
      this.emit({ method, outcome: 'ok', latencyMs: Date.now() - started, sandbox: false });
      return result;
    } catch (error) {
      const classified = this.classify(method, error, timeout.aborted, cancel?.aborted ?? false);
      // A poller stopped on purpose (shutdown) is not worth a warning.
      if (!cancel?.aborted) {
        this.logger.warn(`${classified.message} [${classified.kind}]`);
      }
      this.emit({
        method,
        outcome: classified.kind,
        status: classified.status,
        retryAfterSeconds: classified.retryAfterSeconds,
        latencyMs: Date.now() - started,
        sandbox: false,
      });
      throw classified;
    }
  }

  private emit(event: TelegramCallEvent): void {
    try {
      this.onCall?.(event);
    } catch {
      // A broken metrics hook must not fail a send.
    }
  }

  private classify(
    method: string,
    error: unknown,
    timedOut: boolean,
    cancelled: boolean,
  ): TelegramError {
    if (error instanceof TelegrafApiError) {
      return classifyApiError(method, {
        error_code: error.code,
        description: this.redact(error.description ?? ''),
        parameters: error.parameters,
      });
    }
    const code = stringField(error, 'code');
    const reason = this.redact(error instanceof Error ? error.message : String(error));
    return classifyNetworkFailure(method, {
      code,
      // node-fetch reports our abort as AbortError and its own 500 s cap as request-timeout.
      timedOut: timedOut || cancelled || stringField(error, 'type') === 'request-timeout',
      reason: cancelled
        ? `cancelled by the caller (${reason})`
        : timedOut
          ? `no answer within the request timeout (${reason})`
          : reason,
    });
  }

  /**
   * The token sits in every request URL, hence in network error messages. The pattern catches
   * real tokens anywhere; the literal replace also covers unusual tokens (local Bot API servers).
   */
  private redact(text: string): string {
    return redactSecrets(this.token ? text.split(this.token).join(REDACTED) : text);
  }
}

/** A string property of a thrown value (node-fetch errors carry `code` and `type`). */
function stringField(error: unknown, field: 'code' | 'type'): string | undefined {
  if (typeof error === 'object' && error !== null && field in error) {
    const value: unknown = Reflect.get(error, field);
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}
