import { LimitRule, TelegramLimitMonitor } from '../../../src/telegram/telegram-limit-monitor';

/** The part of a recorded Bot API request the checker needs. */
export interface LimitCheckedRequest {
  at: number;
  token: string;
  method: string;
  params: Record<string, unknown>;
}

export interface LimitViolation {
  rule: LimitRule;
  /** Bot id (the token's numeric part; never the token). */
  botId: string;
  chatId?: number | string;
  method: string;
  at: number;
}

/** Methods that post a message into a chat (count towards the per-chat and per-group limits). */
const MESSAGE_METHODS = new Set(['sendMessage']);
/**
 * A long poll is one outstanding request, not a burst: getUpdates is left out of the per-token
 * request rate (Telegram does not throttle it either).
 */
const UNCOUNTED_METHODS = new Set(['getUpdates']);

/**
 * Replays recorded requests through the same monitor the sandbox uses and lists every request
 * that broke one of Telegram's limits: per token 30 requests/s; per chat 1 message/s with a burst
 * of 2 (token bucket, see TELEGRAM_LIMITS.chatBurst); per bot per group 20 messages/min.
 */
export function checkTelegramLimits(requests: readonly LimitCheckedRequest[]): LimitViolation[] {
  const monitor = new TelegramLimitMonitor();
  const violations: LimitViolation[] = [];
  const ordered = [...requests]
    .filter((r) => !UNCOUNTED_METHODS.has(r.method))
    .sort((a, b) => a.at - b.at);
  for (const request of ordered) {
    const botId = request.token.split(':')[0];
    const chat = request.params.chat_id;
    const chatId = typeof chat === 'number' || typeof chat === 'string' ? chat : undefined;
    const event = {
      at: request.at,
      bot: botId,
      chatId,
      isMessage: MESSAGE_METHODS.has(request.method),
    };
    for (const rule of monitor.evaluate(event)) {
      violations.push({ rule, botId, chatId, method: request.method, at: request.at });
    }
    monitor.record(event);
  }
  return violations;
}
