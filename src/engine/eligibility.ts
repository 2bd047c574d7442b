import { PlannerBot } from './engine-types';
import { isWithinRanges, nextWithinRanges } from './time-window.util';

export type IneligibleReason =
  | 'disabled'
  | 'not_active'
  | 'not_in_chat'
  | 'failed_in_chat'
  | 'paused'
  | 'out_of_hours'
  | 'hourly_limit'
  | 'previous_author';

export interface EligibilityInput {
  /** Every bot that could take part (normally all enabled bots) with its row for this chat. */
  bots: readonly PlannerBot[];
  now: Date;
  tz: string;
  /** bot_hourly_msg_limit.max. */
  hourlyMax: number;
  /** Bot id of the newest message's author; null when a human wrote it or there is none. */
  previousAuthorId: number | null;
}

export interface EligibilityResult {
  eligible: PlannerBot[];
  excluded: { bot_id: number; reason: IneligibleReason }[];
}

/** An empty active_hours list means always active. */
export function isActiveAt(bot: Pick<PlannerBot, 'active_hours'>, now: Date, tz: string): boolean {
  return bot.active_hours.length === 0 || isWithinRanges(now, bot.active_hours, tz);
}

/**
 * Whether a bot takes part in the chat at all. Rule of chat_bots: when the chat has at least one
 * `member` row exactly those bots take part, otherwise every bot does; a `failed` row always
 * excludes the bot.
 */
function membershipReason(bot: PlannerBot, chatHasMembers: boolean): IneligibleReason | null {
  if (bot.membership === 'failed') {
    return 'failed_in_chat';
  }
  if (chatHasMembers && bot.membership !== 'member') {
    return 'not_in_chat';
  }
  return null;
}

/** Reasons that do not change with time of day (the bot is out of this chat for now). */
function standingReason(
  bot: PlannerBot,
  chatHasMembers: boolean,
  now: Date,
): IneligibleReason | null {
  if (!bot.is_enabled) {
    return 'disabled';
  }
  if (bot.status !== 'active') {
    return 'not_active';
  }
  const membership = membershipReason(bot, chatHasMembers);
  if (membership) {
    return membership;
  }
  if (bot.paused_until && bot.paused_until.getTime() > now.getTime()) {
    return 'paused';
  }
  return null;
}

/**
 * The chat's eligible speakers (SPEC 7.1 step 3): enabled, status active, in the chat, not paused,
 * within active hours in the chat's timezone, under the hourly limit, and not the author of the
 * previous message unless nobody else is left.
 */
export function eligibleSpeakers(input: EligibilityInput): EligibilityResult {
  const chatHasMembers = input.bots.some((b) => b.membership === 'member');
  const excluded: EligibilityResult['excluded'] = [];
  const candidates: PlannerBot[] = [];
  for (const bot of input.bots) {
    const reason =
      standingReason(bot, chatHasMembers, input.now) ??
      (isActiveAt(bot, input.now, input.tz) ? null : 'out_of_hours') ??
      (bot.messages_last_hour >= input.hourlyMax ? 'hourly_limit' : null);
    if (reason) {
      excluded.push({ bot_id: bot.id, reason });
    } else {
      candidates.push(bot);
    }
  }
  const previous = input.previousAuthorId;
  const others = candidates.filter((b) => b.id !== previous);
  if (previous !== null && others.length > 0 && others.length < candidates.length) {
    excluded.push({ bot_id: previous, reason: 'previous_author' });
    return { eligible: others, excluded };
  }
  return { eligible: candidates, excluded };
}

/**
 * For quiet nights: the earliest instant ≥ now at which some bot of the chat is within its active
 * hours (ignoring hourly limits, which the limiter handles). Now when a bot is already active;
 * null when no bot can ever speak here (all disabled, paused by status or out of the chat).
 */
export function nextActiveAt(bots: readonly PlannerBot[], now: Date, tz: string): Date | null {
  const chatHasMembers = bots.some((b) => b.membership === 'member');
  let best: Date | null = null;
  for (const bot of bots) {
    const reason = standingReason(bot, chatHasMembers, now);
    if (reason && reason !== 'paused') {
      continue;
    }
    const from = reason === 'paused' && bot.paused_until ? bot.paused_until : now;
    const at = bot.active_hours.length === 0 ? from : nextWithinRanges(from, bot.active_hours, tz);
    if (at && (best === null || at.getTime() < best.getTime())) {
      best = at;
    }
  }
  return best;
}
