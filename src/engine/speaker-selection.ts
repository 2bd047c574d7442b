import { DEFAULT_BASE_DELAY_SECONDS } from '../bots/persona/speed-profile-normalizer';
import { HistoryMessage, PlannerBot, Rng } from './engine-types';
import { isQuestion, mentions } from './mention.util';
import { pickWeighted } from './random.util';
import { symbolsIn } from './symbols.util';

export type SpeakerReason =
  | 'alone'
  | 'mentioned'
  | 'replied_to'
  | 'asked'
  | 'watchlist'
  | 'behind_hourly_min'
  | 'talkative'
  | 'random';

export interface SpeakerContext {
  /** Recent history, oldest first. */
  history: readonly HistoryMessage[];
  /** bot_hourly_msg_limit.min: bots below it get a nudge so every active bot reaches it. */
  hourlyMin: number;
}

export interface SpeakerChoice {
  bot: PlannerBot;
  reason: SpeakerReason;
  /** The weight of every eligible bot, for logs and metrics. */
  weights: { bot_id: number; weight: number }[];
}

/** How far back a mention or question still calls for its addressee. */
const ADDRESS_LOOKBACK = 5;
/** Messages back within which a bot counts as having just spoken. */
const RECENT_SPEAKER_LOOKBACK = 3;

// Additive affinity points (the base is 1); see speakerWeight.
const POINTS = { mentioned: 6, replied_to: 5, asked: 2, watchlist_per_symbol: 0.75 } as const;
const WATCHLIST_SYMBOLS_CAP = 3;
const BEHIND_MIN_BOOST = 1.3;
const RECENCY_PENALTY = 0.6;

interface Affinity {
  mentioned: boolean;
  replied_to: boolean;
  asked: boolean;
  watchlist: number;
}

/**
 * What the recent messages ask of a bot: a message counts if it came after the bot's own last
 * message (an answered call no longer pulls) and is one of the last few.
 */
function affinityOf(bot: PlannerBot, history: readonly HistoryMessage[]): Affinity {
  const byId = new Map(history.map((m) => [m.id, m]));
  const lastOwn = history.reduce((idx, m, i) => (m.bot_id === bot.id ? i : idx), -1);
  const recent = history.slice(Math.max(lastOwn + 1, history.length - ADDRESS_LOOKBACK));
  const affinity: Affinity = { mentioned: false, replied_to: false, asked: false, watchlist: 0 };
  for (const m of recent) {
    const mentioned = mentions(m.text, bot);
    const repliedTo = m.reply_to_id !== null && byId.get(m.reply_to_id)?.bot_id === bot.id;
    affinity.mentioned ||= mentioned;
    affinity.replied_to ||= repliedTo;
    affinity.asked ||= (mentioned || repliedTo) && isQuestion(m.text);
  }
  const threadSymbols = new Set(
    history.slice(-ADDRESS_LOOKBACK).flatMap((m) => [...m.symbols, ...symbolsIn(m.text)]),
  );
  affinity.watchlist = bot.persona.watchlist.filter((s) => threadSymbols.has(s)).length;
  return affinity;
}

/**
 * Talkativeness from the speed profile: a bot whose own pause is half the reference speaks about
 * twice as often. Bounded so one profile cannot monopolise or silence a chat.
 */
export function talkativeness(bot: Pick<PlannerBot, 'speed'>): number {
  const relative =
    DEFAULT_BASE_DELAY_SECONDS / bot.speed.base_delay_seconds / bot.speed.delay_multiplier;
  return Math.min(4, Math.max(0.25, relative));
}

/**
 * weight = (1 + 6·mentioned + 5·replied_to + 2·asked + 0.75·min(3, watchlist overlap))
 *          × talkativeness × (1.3 when below the hourly minimum) × (0.6 when it spoke in the last
 *          3 messages)
 */
function speakerWeight(bot: PlannerBot, a: Affinity, ctx: SpeakerContext): number {
  const points =
    1 +
    (a.mentioned ? POINTS.mentioned : 0) +
    (a.replied_to ? POINTS.replied_to : 0) +
    (a.asked ? POINTS.asked : 0) +
    POINTS.watchlist_per_symbol * Math.min(WATCHLIST_SYMBOLS_CAP, a.watchlist);
  const spokeRecently = ctx.history
    .slice(-RECENT_SPEAKER_LOOKBACK)
    .some((m) => m.bot_id === bot.id);
  return (
    points *
    talkativeness(bot) *
    (bot.messages_last_hour < ctx.hourlyMin ? BEHIND_MIN_BOOST : 1) *
    (spokeRecently ? RECENCY_PENALTY : 1)
  );
}

function reasonFor(bot: PlannerBot, a: Affinity, ctx: SpeakerContext): SpeakerReason {
  if (a.mentioned) {
    return 'mentioned';
  }
  if (a.replied_to) {
    return 'replied_to';
  }
  if (a.asked) {
    return 'asked';
  }
  if (a.watchlist > 0) {
    return 'watchlist';
  }
  if (bot.messages_last_hour < ctx.hourlyMin) {
    return 'behind_hourly_min';
  }
  return talkativeness(bot) > 1 ? 'talkative' : 'random';
}

/**
 * Chooses the speaker among eligible bots, weighted by affinity (SPEC 7.1 step 3). Null when the
 * list is empty.
 */
export function chooseSpeaker(
  eligible: readonly PlannerBot[],
  ctx: SpeakerContext,
  rng: Rng,
): SpeakerChoice | null {
  if (eligible.length === 0) {
    return null;
  }
  const scored = eligible.map((bot) => {
    const affinity = affinityOf(bot, ctx.history);
    return { bot, affinity, weight: speakerWeight(bot, affinity, ctx) };
  });
  const weights = scored.map((s) => ({ bot_id: s.bot.id, weight: s.weight }));
  if (scored.length === 1) {
    return { bot: scored[0].bot, reason: 'alone', weights };
  }
  const picked = pickWeighted(scored, (s) => s.weight, rng) ?? scored[0];
  return { bot: picked.bot, reason: reasonFor(picked.bot, picked.affinity, ctx), weights };
}
