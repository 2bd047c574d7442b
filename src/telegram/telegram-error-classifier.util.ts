import { TelegramError, TelegramErrorKind } from './telegram-error';

/** The error body of the Bot API (`{ok:false, error_code, description, parameters}`). */
export interface BotApiErrorPayload {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/**
 * Methods whose repetition is visible in the chat: after an unclear outcome they must not be
 * resent. Everything else we call is idempotent (a reaction set twice, a typing action, reads,
 * getUpdates with an unconfirmed offset), so an unclear outcome there is simply transient.
 */
const NON_IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['sendMessage']);

/**
 * Socket errors raised before a byte of the request could reach the server: the request was
 * certainly not delivered, so even a send may be retried.
 */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'ENETDOWN',
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Rights problems are reported as 400 but behave like 403: the bot cannot post in that chat. */
const NO_RIGHTS = /not enough rights|have no rights|CHAT_WRITE_FORBIDDEN|CHAT_RESTRICTED/i;

/** Telegram asks for at least a second; a 429 without retry_after still needs a pause. */
const DEFAULT_RETRY_AFTER_SECONDS = 1;

/** Classifies an answer of the Bot API with `ok: false` (or a 5xx without a body). */
export function classifyApiError(method: string, payload: BotApiErrorPayload): TelegramError {
  const { error_code: status, description, parameters } = payload;
  const message = `Telegram ${method} failed: ${status} ${description}`;
  const details = { method, status, description };
  if (status === 429) {
    const retryAfterSeconds = parameters?.retry_after ?? DEFAULT_RETRY_AFTER_SECONDS;
    return new TelegramError(TelegramErrorKind.RateLimited, message, {
      ...details,
      retryAfterSeconds,
    });
  }
  if (status >= 500) {
    return new TelegramError(TelegramErrorKind.Transient, message, details);
  }
  if (parameters?.migrate_to_chat_id !== undefined) {
    return new TelegramError(TelegramErrorKind.ChatMigrated, message, {
      ...details,
      newChatId: parameters.migrate_to_chat_id,
    });
  }
  if (status === 401) {
    return new TelegramError(TelegramErrorKind.Unauthorized, message, details);
  }
  if (status === 403 || (status === 400 && NO_RIGHTS.test(description))) {
    return new TelegramError(TelegramErrorKind.Forbidden, message, details);
  }
  if (status === 409) {
    return new TelegramError(TelegramErrorKind.Conflict, message, details);
  }
  if (status === 400 && /chat not found/i.test(description)) {
    return new TelegramError(TelegramErrorKind.ChatNotFound, message, details);
  }
  if (status === 400 && /message is too long|MESSAGE_TOO_LONG/i.test(description)) {
    return new TelegramError(TelegramErrorKind.MessageTooLong, message, details);
  }
  return new TelegramError(TelegramErrorKind.BadRequest, message, details);
}

/** What is known about a request that got no Bot API answer. */
export interface NetworkFailure {
  /** Socket error code (ECONNRESET, ECONNREFUSED, …) when there is one. */
  code?: string;
  /** The request was cancelled by our own per-request timeout. */
  timedOut: boolean;
  /** Short, already redacted reason for the message. */
  reason: string;
}

/**
 * Classifies a request that got no answer. Refused connections and DNS failures never delivered
 * the request: transient. A timeout or a reset after the request left may have delivered it: for
 * a send that is ambiguous (record `unknown`, never resend blindly); for idempotent calls it is
 * transient.
 */
export function classifyNetworkFailure(method: string, failure: NetworkFailure): TelegramError {
  const certainlyNotSent =
    !failure.timedOut && failure.code !== undefined && NOT_SENT_CODES.has(failure.code);
  const kind =
    certainlyNotSent || !NON_IDEMPOTENT_METHODS.has(method)
      ? TelegramErrorKind.Transient
      : TelegramErrorKind.Ambiguous;
  const what = failure.timedOut ? 'timed out' : 'failed on the network';
  return new TelegramError(kind, `Telegram ${method} ${what}: ${failure.reason}`, { method });
}
