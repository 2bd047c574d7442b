/**
 * What the caller must do about a failed Bot API call. The send pipeline switches on this, never on
 * status codes or library error classes (SPEC 8).
 */
export enum TelegramErrorKind {
  /** 429: wait `retryAfterSeconds` (pause the bot and chat); the retry consumes no attempt. */
  RateLimited = 'rate_limited',
  /** 5xx, or a network failure that certainly did not deliver the request: retry with backoff. */
  Transient = 'transient',
  /**
   * The request may have reached Telegram (timeout or connection reset after it left): record the
   * message as `unknown` and never resend blindly.
   */
  Ambiguous = 'ambiguous',
  /** 400 with `migrate_to_chat_id`: the group became a supergroup; update the chat, resend once. */
  ChatMigrated = 'chat_migrated',
  /** 403: bot kicked or blocked, not a member, or without the right to post in the chat. */
  Forbidden = 'forbidden',
  /** 400 chat not found. */
  ChatNotFound = 'chat_not_found',
  /** 401: the token was revoked or is wrong; stop the bot. */
  Unauthorized = 'unauthorized',
  /** 400 message is too long: split or shorten before sending. */
  MessageTooLong = 'message_too_long',
  /** Any other 400 (and unexpected 4xx): a bug or bad data; do not retry. */
  BadRequest = 'bad_request',
  /** 409: getUpdates while a webhook is set, or another poller for the same token. */
  Conflict = 'conflict',
}

export interface TelegramErrorDetails {
  /** Bot API method that failed. */
  method: string;
  /** HTTP/Bot API error code when Telegram answered. */
  status?: number;
  /** Telegram's description (already redacted). */
  description?: string;
  /** For rate_limited: seconds to wait before the next request. */
  retryAfterSeconds?: number;
  /** For chat_migrated: the supergroup's chat id. */
  newChatId?: number;
}

/**
 * The only error a Telegram transport throws. Its message never contains a bot token: transports
 * redact everything they put in it, and it carries no reference to the underlying library error
 * (whose URL would contain the token).
 */
export class TelegramError extends Error {
  readonly kind: TelegramErrorKind;
  readonly method: string;
  readonly status: number | undefined;
  readonly description: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly newChatId: number | undefined;

  constructor(kind: TelegramErrorKind, message: string, details: TelegramErrorDetails) {
    super(message);
    this.name = 'TelegramError';
    this.kind = kind;
    this.method = details.method;
    this.status = details.status;
    this.description = details.description;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.newChatId = details.newChatId;
  }

  /** Worth retrying later with the same request (after backoff or retry_after). */
  get retryable(): boolean {
    return this.kind === TelegramErrorKind.RateLimited || this.kind === TelegramErrorKind.Transient;
  }
}
