import type { Update } from 'telegraf/types';
import type { TelegramErrorKind } from './telegram-error';

/** A chat id as the Bot API takes it: a number, or "@username" for public chats. */
export type TelegramChatId = number | string;

/** The bot's own user, from getMe. */
export interface TelegramBotUser {
  id: number;
  isBot: true;
  firstName: string;
  username: string;
}

export interface SendMessageOptions {
  /** Thread the message as a reply to this message of the same chat. */
  replyToMessageId?: number;
  /** Send anyway when the replied-to message was deleted (otherwise Telegram answers 400). */
  allowSendingWithoutReply: boolean;
  /** Market chat is full of links and tickers; previews would look unlike a person typing. */
  disableLinkPreview: boolean;
}

/** A message Telegram accepted. */
export interface SentMessage {
  messageId: number;
  chatId: number;
  /** Unix seconds, as Telegram reports it. */
  date: number;
}

/** Incoming updates are the Bot API's own shape; the updates intake parses what it needs. */
export type TelegramUpdate = Update;

/** Update kinds a bot subscribes to (we only need messages). */
export type AllowedUpdate = 'message' | 'edited_message' | 'message_reaction';

/** One Bot API call as it ended, for metrics (calls by method and outcome, 429s, latency). */
export interface TelegramCallEvent {
  method: string;
  outcome: 'ok' | TelegramErrorKind;
  /** HTTP/Bot API status when Telegram answered. */
  status?: number;
  retryAfterSeconds?: number;
  latencyMs: number;
  /** True for the sandbox transport (nothing went over the network). */
  sandbox: boolean;
}

/**
 * One bot's connection to Telegram: the real Bot API (telegraf) or the sandbox (SPEC 8.6). Every
 * failure is a `TelegramError` with a classification; no method ever throws a library error.
 */
export interface TelegramTransport {
  getMe(): Promise<TelegramBotUser>;

  sendMessage(
    chatId: TelegramChatId,
    text: string,
    options: SendMessageOptions,
  ): Promise<SentMessage>;

  /** Shows "typing…" for about five seconds (re-send to keep it up). */
  sendChatAction(chatId: TelegramChatId, action: 'typing'): Promise<void>;

  /** Sets the bot's reaction on a message; `null` removes it. */
  setMessageReaction(
    chatId: TelegramChatId,
    messageId: number,
    emoji: string | null,
  ): Promise<void>;

  /**
   * Long polling: updates with id ≥ offset (which confirms all earlier ones), waiting up to
   * `timeoutSeconds` for the first one. `signal` ends the poll early (poller shutdown); the call
   * then fails with a transient error.
   */
  getUpdates(
    offset: number,
    timeoutSeconds: number,
    allowedUpdates: readonly AllowedUpdate[],
    signal?: AbortSignal,
  ): Promise<TelegramUpdate[]>;

  /** Telegram will POST updates to `url` with header X-Telegram-Bot-Api-Secret-Token. */
  setWebhook(
    url: string,
    secretToken: string,
    allowedUpdates: readonly AllowedUpdate[],
  ): Promise<void>;

  deleteWebhook(options?: { dropPendingUpdates?: boolean }): Promise<void>;
}
