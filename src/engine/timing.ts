import { DEFAULT_BASE_DELAY_SECONDS } from '../bots/persona/speed-profile-normalizer';
import { eligibleSpeakers, nextActiveAt } from './eligibility';
import { PlannerBot, Rng, SpeedProfile } from './engine-types';
import { exponentialSample, uniform } from './random.util';
import { isWithinRanges } from './time-window.util';

/** Mean gap between turns of a chat at scale 1, outside prime hours. */
export const BASE_GAP_SECONDS = 30;
/** Mean gap in prime hours when prime_hours_boost is on. */
export const PRIME_GAP_SECONDS = 18;
/** Never closer than Telegram's ~1 message per second per chat, never further than an hour. */
export const MIN_GAP_SECONDS = 1;
export const MAX_GAP_SECONDS = 3600;
/** A single gap stays within [0.2, 5] × its mean: no instant replies, no hour-long tails. */
const GAP_FLOOR_OF_MEAN = 0.2;
const GAP_CEILING_OF_MEAN = 5;

export const TYPING_MIN_MS = 1500;
export const TYPING_MAX_MS = 25_000;
/** Telegram shows "typing…" for about 5 s; it is re-sent at most this often while typing. */
export const TYPING_REFRESH_MS = 4000;

export interface GapInput {
  now: Date;
  tz: string;
  scale_factor: number;
  prime_hours_boost: boolean;
  prime_hours: readonly string[];
  /** Speed profiles of the bots that could speak next. */
  speeds: readonly SpeedProfile[];
}

export interface GapPlan {
  delay_ms: number;
  mean_seconds: number;
  prime: boolean;
  bot_factor: number;
}

/**
 * A bot's own pace relative to the reference: 1 for the default profile, 2 for a bot that pauses
 * twice as long (base 60 s, or multiplier 2).
 */
export function botPaceFactor(speed: SpeedProfile): number {
  return (speed.base_delay_seconds / DEFAULT_BASE_DELAY_SECONDS) * speed.delay_multiplier;
}

/**
 * The gap until a chat's next turn. Every factor multiplies, so none can cancel another (the
 * original let a per-bot base silently replace prime hours and scale):
 *
 *   mean = base × botFactor / scale_factor
 *     base      = 18 s in prime hours with prime_hours_boost on, else 30 s
 *     botFactor = harmonic mean of the candidates' pace factors
 *                 (base_delay_seconds / 30) × delay_multiplier — the chat's turn rate is the
 *                 average of the bots' rates; 1 with default profiles or no candidates
 *   gap  = Exp(mean) × (1 + jitter × (2u − 1)),  jitter = average of the candidates' jitter
 *   gap clamped to [0.2 × mean, 5 × mean], then to [1 s, 3600 s].
 */
export function nextTurnGap(input: GapInput, rng: Rng): GapPlan {
  const prime = input.prime_hours_boost && isWithinRanges(input.now, input.prime_hours, input.tz);
  const base = prime ? PRIME_GAP_SECONDS : BASE_GAP_SECONDS;
  const paces = input.speeds.map(botPaceFactor).filter((p) => p > 0 && Number.isFinite(p));
  const botFactor =
    paces.length === 0 ? 1 : paces.length / paces.reduce((sum, p) => sum + 1 / p, 0);
  const scale = input.scale_factor > 0 ? input.scale_factor : 1;
  const mean = (base * botFactor) / scale;
  const jitter =
    input.speeds.length === 0
      ? 0
      : input.speeds.reduce((sum, s) => sum + Math.min(1, Math.max(0, s.jitter)), 0) /
        input.speeds.length;
  const sample = exponentialSample(mean, rng) * (1 + jitter * uniform(-1, 1, rng));
  const bounded = Math.min(GAP_CEILING_OF_MEAN * mean, Math.max(GAP_FLOOR_OF_MEAN * mean, sample));
  const seconds = Math.min(MAX_GAP_SECONDS, Math.max(MIN_GAP_SECONDS, bounded));
  return { delay_ms: Math.round(seconds * 1000), mean_seconds: mean, prime, bot_factor: botFactor };
}

export interface ScheduleInput extends Omit<GapInput, 'speeds'> {
  /** Every bot that could take part in the chat, with its membership row. */
  bots: readonly PlannerBot[];
  hourlyMax: number;
}

export type TurnSchedule =
  | { due_at: Date; reason: 'gap' | 'quiet_until_active'; gap: GapPlan }
  | { due_at: null; reason: 'no_bot_can_speak' };

/**
 * When a chat's next turn is due. With eligible bots: now + gap shaped by their speed profiles.
 * On a quiet night (nobody within active hours) the next turn waits for the first bot to become
 * active, plus a gap, instead of polling all night. Null when no bot can ever speak here.
 */
export function scheduleNextTurn(input: ScheduleInput, rng: Rng): TurnSchedule {
  const eligibleNow = eligibleSpeakers({
    bots: input.bots,
    now: input.now,
    tz: input.tz,
    hourlyMax: input.hourlyMax,
    previousAuthorId: null,
  }).eligible;
  if (eligibleNow.length > 0) {
    const gap = nextTurnGap({ ...input, speeds: eligibleNow.map((b) => b.speed) }, rng);
    return { due_at: new Date(input.now.getTime() + gap.delay_ms), reason: 'gap', gap };
  }
  const wake = nextActiveAt(input.bots, input.now, input.tz);
  if (!wake) {
    return { due_at: null, reason: 'no_bot_can_speak' };
  }
  // Bots held back only by the hourly limit are active now: the limiter decides when they may
  // speak again, the schedule just keeps the usual pace.
  const atWake = eligibleSpeakers({
    bots: input.bots,
    now: wake,
    tz: input.tz,
    hourlyMax: Number.POSITIVE_INFINITY,
    previousAuthorId: null,
  }).eligible;
  const gap = nextTurnGap({ ...input, now: wake, speeds: atWake.map((b) => b.speed) }, rng);
  return {
    due_at: new Date(wake.getTime() + gap.delay_ms),
    reason: wake.getTime() > input.now.getTime() ? 'quiet_until_active' : 'gap',
    gap,
  };
}

export interface TypingInput {
  /** Length of the text to "type", in characters. */
  text_length: number;
  /** The typing_speed_wpm setting: characters per second (see the settings registry). */
  setting_cps: { min: number; max: number };
  speed: SpeedProfile;
  /** How long the LLM call already took: that time counts as typing already done. */
  llm_elapsed_ms: number;
}

export interface TypingPlan {
  /** Realistic time to type the text, clamped to 1.5–25 s. */
  typing_ms: number;
  /** What is left to wait after the LLM call (never negative). */
  wait_ms: number;
  /** Offsets from now at which to send "typing" (every ≤ 4 s while waiting); [] when no wait. */
  refresh_offsets_ms: number[];
  cps: number;
}

/**
 * Typing time = characters / cps × typing_multiplier, cps drawn from the bot's own range (or the
 * typing_speed_wpm setting), clamped to [1.5 s, 25 s]; the LLM's latency is subtracted so the group
 * does not wait twice. A multiplier above 1 is a slower typist.
 */
export function planTyping(input: TypingInput, rng: Rng): TypingPlan {
  const range = input.speed.typing_cps ?? input.setting_cps;
  const lo = Math.max(0.1, Math.min(range.min, range.max));
  const hi = Math.max(lo, range.max, range.min);
  const cps = uniform(lo, hi, rng);
  const length = Math.max(0, Number.isFinite(input.text_length) ? input.text_length : 0);
  const raw = (length / cps) * 1000 * Math.max(0, input.speed.typing_multiplier);
  const typing = Math.round(Math.min(TYPING_MAX_MS, Math.max(TYPING_MIN_MS, raw)));
  const elapsed = Math.max(0, Number.isFinite(input.llm_elapsed_ms) ? input.llm_elapsed_ms : 0);
  const wait = Math.max(0, typing - elapsed);
  return { typing_ms: typing, wait_ms: wait, refresh_offsets_ms: typingRefreshOffsets(wait), cps };
}

/** When to (re-)send "typing" during a wait: at 0 and every 4 s while time remains. */
export function typingRefreshOffsets(waitMs: number): number[] {
  const out: number[] = [];
  for (let t = 0; t < waitMs; t += TYPING_REFRESH_MS) {
    out.push(t);
  }
  return out;
}
