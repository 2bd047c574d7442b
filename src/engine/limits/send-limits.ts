import { TELEGRAM_LIMIT_WINDOWS } from '../limits-math';

/** Telegram's documented limits (SPEC 7.6) and the configured ones, for one admission. */
export interface SendLimits {
  /** Bot messages per 60 s across all chats (setting max_msgs_per_min). */
  globalPerMinute: number;
  /** Messages per bot per rolling hour (setting bot_hourly_msg_limit.max). */
  botPerHour: number;
  /** Messages per bot per chat per minute (Telegram: 20 in a group). */
  botChatPerMinute: number;
  /** Messages per chat per second (Telegram: about 1). */
  chatPerSecond: number;
  /** Requests per bot token per second (Telegram: 30), messages and other calls together. */
  tokenPerSecond: number;
}

/** The Telegram part of SendLimits, from the single source in limits-math.ts. */
export const TELEGRAM_LIMITS = {
  botChatPerMinute: TELEGRAM_LIMIT_WINDOWS.botPerChatPerMinute.limit,
  chatPerSecond: TELEGRAM_LIMIT_WINDOWS.chatPerSecond.limit,
  tokenPerSecond: TELEGRAM_LIMIT_WINDOWS.tokenPerSecond.limit,
} as const satisfies Pick<SendLimits, 'botChatPerMinute' | 'chatPerSecond' | 'tokenPerSecond'>;

/** The outcome of an admission: admitted now, or the earliest moment it could be (epoch ms). */
export type Admission =
  { admitted: true } | { admitted: false; retryAt: number; blockedBy: LimitName };

export type LimitName =
  | 'global_per_minute'
  | 'bot_per_hour'
  | 'bot_chat_per_minute'
  | 'chat_per_second'
  | 'token_per_second'
  | 'bot_paused'
  | 'chat_paused';
