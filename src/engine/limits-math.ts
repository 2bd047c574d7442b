/**
 * Exact arithmetic of the send limits (SPEC 7.6) as a pure model: given what was already sent,
 * when is the earliest moment the next message is allowed? The distributed limiter enforces the
 * same windows atomically in Redis; this model answers "when" without I/O (scheduling a delayed
 * job, explaining a skip) and can serve as the oracle its tests compare against. Times are epoch
 * milliseconds; nothing here reads a clock or Redis.
 */

import { TELEGRAM_LIMITS } from '../telegram/telegram-limit-monitor';

export interface WindowLimit {
  limit: number;
  windowMs: number;
}

/**
 * The limiter counts a message when it admits it, Telegram when the request arrives, a few
 * milliseconds later and not always the same few: a window run at exactly Telegram's length lets
 * a bot at its cap send its 21st message 60.001 s after an admission whose request arrived later
 * than this one's. A second more on the minute window absorbs that at under 2 % of the rate.
 */
export const ARRIVAL_MARGIN_MS = 1000;

/**
 * Telegram's own limits (per bot in one group, per group, per bot token) as sliding windows. The
 * numbers come from the one published table in telegram-limit-monitor.ts; the Redis limiter
 * (send-limits.ts) reads them from here.
 */
export const TELEGRAM_LIMIT_WINDOWS = {
  botPerChatPerMinute: {
    limit: TELEGRAM_LIMITS.botGroupMessagesPerMinute,
    windowMs: 60_000 + ARRIVAL_MARGIN_MS,
  },
  chatPerSecond: { limit: TELEGRAM_LIMITS.chatMessagesPerSecond, windowMs: 1000 },
  tokenPerSecond: { limit: TELEGRAM_LIMITS.botRequestsPerSecond, windowMs: 1000 },
} as const satisfies Record<string, WindowLimit>;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

/**
 * Sliding window: an event at time e counts at every t with t − window < e ≤ t. Returns the
 * earliest t ≥ now at which fewer than `limit` events count, so one more is allowed. A limit of 0
 * (or less) never admits: Infinity.
 */
export function earliestInSlidingWindow(
  eventsMs: readonly number[],
  limit: number,
  windowMs: number,
  nowMs: number,
): number {
  if (limit <= 0) {
    return Number.POSITIVE_INFINITY;
  }
  // Events that still count now or later (future reservations included), oldest first.
  const counting = eventsMs.filter((e) => e > nowMs - windowMs).sort((a, b) => a - b);
  if (counting.length < limit) {
    // Future reservations cannot push us back when there is room even with them counted.
    return nowMs;
  }
  // The oldest (count − limit + 1) events must have left the window: the k-th oldest leaves at
  // e + window.
  const k = counting.length - limit;
  return Math.max(nowMs, counting[k] + windowMs);
}

/** Fixed window (Redis INCR + EXPIRE per bucket): the bucket of a time. */
export function fixedWindowBucket(
  nowMs: number,
  windowMs: number,
): { index: number; startMs: number; endMs: number } {
  const index = Math.floor(nowMs / windowMs);
  return { index, startMs: index * windowMs, endMs: (index + 1) * windowMs };
}

/** Fixed window: now while the bucket has room, else the start of the next bucket. */
export function earliestInFixedWindow(
  count: number,
  limit: number,
  windowMs: number,
  nowMs: number,
): number {
  if (limit <= 0) {
    return Number.POSITIVE_INFINITY;
  }
  return count < limit ? nowMs : fixedWindowBucket(nowMs, windowMs).endMs;
}

export interface LimitCheck extends WindowLimit {
  name: string;
  /** Send times that count against this limit. */
  eventsMs: readonly number[];
}

export interface Admission {
  /** Earliest admissible time (epoch ms); Infinity when a limit is 0. */
  atMs: number;
  /** The limits that push the time past now (empty when it is now). */
  blockedBy: string[];
}

/**
 * The earliest time every check admits. With no new sends in between, each check's answer only
 * moves earlier with time, so the latest of them satisfies all.
 */
export function earliestAdmissible(checks: readonly LimitCheck[], nowMs: number): Admission {
  let atMs = nowMs;
  const blockedBy: string[] = [];
  for (const check of checks) {
    const at = earliestInSlidingWindow(check.eventsMs, check.limit, check.windowMs, nowMs);
    if (at > nowMs) {
      blockedBy.push(check.name);
    }
    atMs = Math.max(atMs, at);
  }
  return { atMs, blockedBy };
}

export interface SendHistory {
  /** All bot messages (global cap). */
  globalMs: readonly number[];
  /** This bot's messages in any chat (hourly cap). */
  botMs: readonly number[];
  /** This bot's messages in this chat. */
  botChatMs: readonly number[];
  /** All messages in this chat. */
  chatMs: readonly number[];
  /** All Bot API requests made with this bot's token. */
  tokenMs: readonly number[];
}

/** The five limits of SPEC 7.6 for one planned message. */
export function sendLimitChecks(
  history: SendHistory,
  settings: { max_msgs_per_min: number; bot_hourly_msg_limit: { max: number } },
): LimitCheck[] {
  return [
    {
      name: 'global_per_minute',
      limit: settings.max_msgs_per_min,
      windowMs: MINUTE_MS,
      eventsMs: history.globalMs,
    },
    {
      name: 'bot_per_hour',
      limit: settings.bot_hourly_msg_limit.max,
      windowMs: HOUR_MS,
      eventsMs: history.botMs,
    },
    {
      name: 'bot_chat_per_minute',
      ...TELEGRAM_LIMIT_WINDOWS.botPerChatPerMinute,
      eventsMs: history.botChatMs,
    },
    { name: 'chat_per_second', ...TELEGRAM_LIMIT_WINDOWS.chatPerSecond, eventsMs: history.chatMs },
    {
      name: 'token_per_second',
      ...TELEGRAM_LIMIT_WINDOWS.tokenPerSecond,
      eventsMs: history.tokenMs,
    },
  ];
}

/** Until when a Telegram 429 holds a bot: retry_after seconds (at least 1) from now. */
export function retryAfterUntil(nowMs: number, retryAfterSeconds: unknown): number {
  const seconds =
    typeof retryAfterSeconds === 'number' && Number.isFinite(retryAfterSeconds)
      ? Math.max(1, Math.ceil(retryAfterSeconds))
      : 1;
  return nowMs + seconds * 1000;
}
