import { HistoryMessage, PlannerBot, Rng } from './engine-types';
import { mentions } from './mention.util';
import { chance, pickWeighted } from './random.util';
import { foldTurkish, symbolsIn } from './symbols.util';
import { topicsIn } from './topic-keywords';

/** Folded phrases that invite answers ("ne dersiniz", "sizce" …). */
export const CURIOSITY_PHRASES: readonly string[] = [
  'ne dersiniz', 'ne dersin', 'sizce', 'sence', 'fikri olan', 'fikriniz', 'fikrin', 'yorum',
  'ne dusunuyorsunuz', 'ne dusunuyorsun', 'gorusunuz', 'bilen var mi', 'var mi bilen',
  'katiliyor musunuz', 'tahmininiz', 'ne yapmali', 'ne yapardiniz', 'merak ediyorum',
]; // prettier-ignore

/** Folded stems of distress: losses, fear, panic. */
export const DISTRESS_STEMS: readonly string[] = [
  'panik', 'zarar', 'kaybett', 'battim', 'batti', 'korkuyor', 'korktum', 'endise', 'stop oldum',
  'eridi', 'uzgun', 'mahvold', 'yandim', 'cakildi', 'eyvah', 'berbat', 'uykum kacti', 'cildir',
]; // prettier-ignore

/** The original's points (SPEC 7.1 step 4). */
export const TARGET_POINTS = {
  human: 8,
  other_bot: 2.5,
  /** Freshness: this much for the newest message, times 0.8 per message further back. */
  freshness_newest: 4,
  question: 4,
  curiosity: 3,
  mentions_speaker: 15,
  watchlist_per_symbol: 2.5,
  topic_per_topic: 1.5,
  distress_with_empathy: 2,
  already_replied: 1.5,
} as const;

const FRESHNESS_DECAY = 0.8;
/** Empathy at or above which distress pulls a bot in. */
const EMPATHY_THRESHOLD = 0.6;
/** Only this many newest messages are candidates, and none older than this. */
const MAX_CANDIDATES = 12;
const MAX_AGE_MS = 60 * 60_000;
const TOP_N = 3;

export interface TargetContext {
  speaker: PlannerBot;
  /** Recent history, oldest first. */
  history: readonly HistoryMessage[];
  /** The chat's topics, for topic keyword points. */
  topics: readonly string[];
  now: Date;
  reply_to_bots_probability: number;
  mention_probability: number;
}

export interface ScoredTarget {
  message: HistoryMessage;
  score: number;
  reasons: string[];
}

export type TargetChoice =
  | {
      target: HistoryMessage;
      score: number;
      reasons: string[];
      /** Username to @mention, null for no mention. */
      mention: string | null;
      candidates: { message_id: number; score: number }[];
    }
  | { target: null; reason: 'nothing_recent' | 'bots_not_targeted' };

/** One regex per phrase list: a phrase must start at a word start (suffixes may follow). */
function phraseRegex(phrases: readonly string[]): RegExp {
  return new RegExp(`(?<![a-z0-9])(?:${phrases.join('|')})`);
}

const CURIOSITY_REGEX = phraseRegex(CURIOSITY_PHRASES);
const DISTRESS_REGEX = phraseRegex(DISTRESS_STEMS);

/** The score of one candidate message for the speaker, with the reasons that made it. */
export function scoreTarget(
  message: HistoryMessage,
  rankFromNewest: number,
  ctx: Pick<TargetContext, 'speaker' | 'history' | 'topics'>,
): ScoredTarget {
  const reasons: string[] = [];
  let score = 0;
  const add = (points: number, reason: string): void => {
    score += points;
    reasons.push(reason);
  };
  if (message.bot_id === null) {
    add(TARGET_POINTS.human, 'human');
  } else {
    add(TARGET_POINTS.other_bot, 'other_bot');
  }
  score += TARGET_POINTS.freshness_newest * FRESHNESS_DECAY ** rankFromNewest;
  const text = message.text.slice(0, 4000);
  const folded = foldTurkish(text);
  if (text.includes('?')) {
    add(TARGET_POINTS.question, 'question');
  }
  if (CURIOSITY_REGEX.test(folded)) {
    add(TARGET_POINTS.curiosity, 'curiosity');
  }
  if (mentions(text, ctx.speaker)) {
    add(TARGET_POINTS.mentions_speaker, 'mentions_speaker');
  }
  const symbols = new Set([...message.symbols, ...symbolsIn(text)]);
  const overlap = ctx.speaker.persona.watchlist.filter((s) => symbols.has(s)).length;
  if (overlap > 0) {
    add(TARGET_POINTS.watchlist_per_symbol * overlap, `watchlist×${overlap}`);
  }
  const topics = topicsIn(text, ctx.topics).length;
  if (topics > 0) {
    add(TARGET_POINTS.topic_per_topic * topics, `topics×${topics}`);
  }
  if (ctx.speaker.emotion.empathy >= EMPATHY_THRESHOLD && DISTRESS_REGEX.test(folded)) {
    add(TARGET_POINTS.distress_with_empathy, 'distress');
  }
  if (ctx.history.some((m) => m.reply_to_id === message.id)) {
    add(TARGET_POINTS.already_replied, 'already_replied');
  }
  return { message, score, reasons };
}

/**
 * The reply target by the original's scoring: candidates are the newest messages (not the
 * speaker's own, at most an hour old); when the newest message is from a bot, bots stay
 * candidates only with reply_to_bots_probability; the top 3 are drawn weighted by score. Then
 * the target is @mentioned with mention_probability when it has a username.
 */
export function chooseReplyTarget(ctx: TargetContext, rng: Rng): TargetChoice {
  const newestFirst = [...ctx.history].reverse();
  let candidates = newestFirst
    .map((message, rank) => ({ message, rank }))
    .filter(
      ({ message }) =>
        message.bot_id !== ctx.speaker.id &&
        ctx.now.getTime() - message.created_at.getTime() <= MAX_AGE_MS,
    )
    .slice(0, MAX_CANDIDATES);
  if (candidates.length === 0) {
    return { target: null, reason: 'nothing_recent' };
  }
  const newest = newestFirst[0];
  if (newest.bot_id !== null && !chance(ctx.reply_to_bots_probability, rng)) {
    candidates = candidates.filter(({ message }) => message.bot_id === null);
    if (candidates.length === 0) {
      return { target: null, reason: 'bots_not_targeted' };
    }
  }
  const scored = candidates
    .map(({ message, rank }) => scoreTarget(message, rank, ctx))
    .sort((a, b) => b.score - a.score);
  const top = scored.slice(0, TOP_N);
  const picked = pickWeighted(top, (s) => s.score, rng) ?? top[0];
  const username = picked.message.username;
  const mention =
    username && username !== ctx.speaker.username && chance(ctx.mention_probability, rng)
      ? username
      : null;
  return {
    target: picked.message,
    score: picked.score,
    reasons: picked.reasons,
    mention,
    candidates: top.map((s) => ({ message_id: s.message.id, score: s.score })),
  };
}
