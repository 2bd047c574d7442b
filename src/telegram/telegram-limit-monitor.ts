/**
 * Telegram's published flood limits (core.telegram.org/bots/faq), as checked by the sandbox
 * transport (which answers 429 like Telegram) and by the fake Bot API server's limit checker.
 */
export const TELEGRAM_LIMITS = {
  /** Requests per bot token in any 1 s window. */
  botRequestsPerSecond: 30,
  /** Messages per chat: about one per second… */
  chatMessagesPerSecond: 1,
  /**
   * …with a short burst tolerated: a token bucket refilled at 1/s holding at most this many. Two
   * messages landing a few ms under a second apart (clock skew between worker replicas) pass;
   * three in a row do not.
   */
  chatBurst: 2,
  /** Messages per bot per group chat in any 60 s window. */
  botGroupMessagesPerMinute: 20,
} as const;

export type LimitRule =
  'bot_requests_per_second' | 'chat_messages_per_second' | 'bot_group_messages_per_minute';

export interface LimitEvent {
  /** Milliseconds (any monotonic or wall clock; events must come in time order). */
  at: number;
  /** Identifies the bot (its id or token). */
  bot: string;
  /** Chat of a message; undefined for requests that post nothing. */
  chatId?: number | string;
  /** Posts a message in the chat (sendMessage and the like); typing and reactions do not. */
  isMessage: boolean;
}

/** Groups have negative ids; the per-group limit does not apply to private chats. */
function isGroup(chatId: number | string): boolean {
  return typeof chatId === 'number' ? chatId < 0 : chatId.startsWith('-') || chatId.startsWith('@');
}

/** Timestamps within a sliding window. */
class SlidingWindow {
  private readonly times: number[] = [];
  constructor(private readonly windowMs: number) {}

  /** How many events the window would hold with one more at `at`. */
  countWith(at: number): number {
    while (this.times.length > 0 && this.times[0] <= at - this.windowMs) {
      this.times.shift();
    }
    return this.times.length + 1;
  }

  add(at: number): void {
    this.times.push(at);
  }
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Tracks requests and tells which of Telegram's limits a new one would break. Pure and in-memory:
 * the engine's distributed limiter is what keeps production within the limits; this is the
 * referee that checks it did.
 */
export class TelegramLimitMonitor {
  private readonly botWindows = new Map<string, SlidingWindow>();
  private readonly groupWindows = new Map<string, SlidingWindow>();
  private readonly chatBuckets = new Map<string, Bucket>();

  /** The rules `event` would break, without recording it. */
  evaluate(event: LimitEvent): LimitRule[] {
    const broken: LimitRule[] = [];
    if (
      this.window(this.botWindows, event.bot, 1000).countWith(event.at) >
      TELEGRAM_LIMITS.botRequestsPerSecond
    ) {
      broken.push('bot_requests_per_second');
    }
    if (event.isMessage && event.chatId !== undefined) {
      if (this.tokensAt(String(event.chatId), event.at) < 1) {
        broken.push('chat_messages_per_second');
      }
      if (
        isGroup(event.chatId) &&
        this.window(this.groupWindows, `${event.bot}|${event.chatId}`, 60_000).countWith(event.at) >
          TELEGRAM_LIMITS.botGroupMessagesPerMinute
      ) {
        broken.push('bot_group_messages_per_minute');
      }
    }
    return broken;
  }

  /** Records `event` as having happened. */
  record(event: LimitEvent): void {
    this.window(this.botWindows, event.bot, 1000).add(event.at);
    if (event.isMessage && event.chatId !== undefined) {
      const chat = String(event.chatId);
      this.chatBuckets.set(chat, {
        tokens: Math.max(0, this.tokensAt(chat, event.at) - 1),
        at: event.at,
      });
      if (isGroup(event.chatId)) {
        this.window(this.groupWindows, `${event.bot}|${event.chatId}`, 60_000).add(event.at);
      }
    }
  }

  private tokensAt(chat: string, at: number): number {
    const bucket = this.chatBuckets.get(chat);
    if (!bucket) {
      return TELEGRAM_LIMITS.chatBurst;
    }
    const refill = ((at - bucket.at) / 1000) * TELEGRAM_LIMITS.chatMessagesPerSecond;
    return Math.min(TELEGRAM_LIMITS.chatBurst, bucket.tokens + refill);
  }

  private window(map: Map<string, SlidingWindow>, key: string, windowMs: number): SlidingWindow {
    let window = map.get(key);
    if (!window) {
      window = new SlidingWindow(windowMs);
      map.set(key, window);
    }
    return window;
  }
}
