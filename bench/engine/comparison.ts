import { BASE_GAP_SECONDS, PRIME_GAP_SECONDS } from '../../src/engine/timing';
import { isWithinRanges } from '../../src/engine/time-window.util';
import { TELEGRAM_LIMITS } from '../../src/engine/limits/send-limits';
import {
  defaultSettings,
  isSettingKey,
  parseSetting,
  SettingsValues,
} from '../../src/settings/settings.registry';
import { Cell } from '../lib/report';
import { round } from '../lib/stats';
import { EngineResult } from './measure-engine';

/** The original's pace as quoted in issue #5 ("about 1.5 per minute per worker"). */
const ORIGINAL_MESSAGES_PER_MINUTE = 1.5;
/** A chat's next turn waits for the typing plus this margin (AFTER_SEND_MARGIN_MS, turn.service). */
const AFTER_TYPING_MARGIN_SECONDS = 2;

/** Registry defaults with the scenario's rows on top, parsed like the workers parse them. */
export function effectiveSettings(rows: Record<string, unknown>): SettingsValues {
  const values = defaultSettings();
  for (const [key, value] of Object.entries(rows)) {
    if (!isSettingKey(key)) {
      throw new Error(`scenario setting ${key} is not in the settings registry`);
    }
    (values as Record<string, unknown>)[key] = parseSetting(key, value);
  }
  return values;
}

export interface PaceBudget {
  prime_hours_at_start: boolean;
  /** Turns per minute the schedule aims at (mean gap of SPEC 7.1, all chats). */
  schedule_turns_per_minute: number;
  limits_per_minute: {
    global_max_msgs_per_min: number;
    per_bot_hourly_steady_state: number;
    telegram_per_chat: number;
    telegram_per_bot_per_group: number;
  };
  /** The tightest limit: what the limits allow once the hourly budgets are in use. */
  allowed_per_minute: number;
}

/** What the settings and limits allow, in messages per minute, for `bots` bots in `chats` chats. */
export function paceBudget(
  rows: Record<string, unknown>,
  bots: number,
  chats: number,
  at: Date,
): PaceBudget {
  const s = effectiveSettings(rows);
  const prime = s.prime_hours_boost && isWithinRanges(at, s.prime_hours, s.timezone);
  const meanGapSeconds = (prime ? PRIME_GAP_SECONDS : BASE_GAP_SECONDS) / s.scale_factor;
  const membersPerChat = Math.max(1, Math.floor(bots / chats));
  const limits = {
    global_max_msgs_per_min: s.max_msgs_per_min,
    per_bot_hourly_steady_state: round((bots * s.bot_hourly_msg_limit.max) / 60, 2),
    telegram_per_chat: 60 * TELEGRAM_LIMITS.chatPerSecond * chats,
    telegram_per_bot_per_group: TELEGRAM_LIMITS.botChatPerMinute * membersPerChat * chats,
  };
  return {
    prime_hours_at_start: prime,
    schedule_turns_per_minute: round((60 / meanGapSeconds) * chats, 2),
    limits_per_minute: limits,
    allowed_per_minute: Math.min(...Object.values(limits)),
  };
}

/** Rows of the comparison table: what we sent next to what the settings and limits allow. */
export function comparisonRows(result: EngineResult, budget: PaceBudget): Cell[][] {
  const l = budget.limits_per_minute;
  const typingSeconds = result.typing_ms_mean === null ? null : result.typing_ms_mean / 1000;
  const typingBound =
    typingSeconds === null || result.settings.typing_enabled === false
      ? null
      : round((60 / (typingSeconds + AFTER_TYPING_MARGIN_SECONDS)) * result.chats, 2);
  return [
    ['ours, measured (all sent: messages + reactions)', result.sent.per_minute],
    [
      'ours, measured (text messages only)',
      round((result.sent.text / result.measured_seconds) * 60, 1),
    ],
    [
      `schedule pace (mean gap ${budget.prime_hours_at_start ? PRIME_GAP_SECONDS : BASE_GAP_SECONDS} s / scale_factor)`,
      budget.schedule_turns_per_minute,
    ],
    [
      `typing: next turn of a chat ≥ typing (mean ${typingSeconds === null ? '–' : round(typingSeconds)} s) + ${AFTER_TYPING_MARGIN_SECONDS} s after a message`,
      typingBound,
    ],
    ['limit: max_msgs_per_min (global)', l.global_max_msgs_per_min],
    ['limit: bot_hourly_msg_limit.max × bots / 60 (steady state)', l.per_bot_hourly_steady_state],
    ['limit: Telegram 1 message/s per chat', l.telegram_per_chat],
    ['limit: Telegram 20/min per bot per group', l.telegram_per_bot_per_group],
    ['allowed by the limits (tightest)', budget.allowed_per_minute],
    ['original, default settings (issue #5: per worker)', ORIGINAL_MESSAGES_PER_MINUTE],
  ];
}
