import { HistoryMessage, Rng, StanceView } from './engine-types';
import { pickOne, pickWeighted } from './random.util';
import { foldTurkish } from './symbols.util';
import { DEFAULT_TOPICS, topicHits } from './topic-keywords';

export interface TopicInput {
  /** The chat's topics; empty uses the default four. */
  chatTopics: readonly string[];
  /** The speaker's stances (their cooldowns keep it off those topics). */
  stances: readonly StanceView[];
  cooldownFilter: boolean;
  now: Date;
  /** Recent history, oldest first. */
  history: readonly HistoryMessage[];
  /** The message being replied or reacted to, if any. */
  target: HistoryMessage | null;
  /** A new thread may open another topic; a reply follows the conversation. */
  newThread: boolean;
}

export type TopicReason = 'target' | 'recent_keywords' | 'random';

export interface TopicChoice {
  topic: string;
  reason: TopicReason;
  /** Topics left out because the speaker's stance on them is in cooldown. */
  cooled: string[];
  /** True when every topic was in cooldown and the filter had to be ignored. */
  all_cooled: boolean;
}

/** History messages scored for topic keywords, newest counting most. */
const LOOKBACK = 10;
const RECENCY_DECAY = 0.85;
/** Weight every topic gets in a new thread, so a quiet topic can come back. */
const NEW_THREAD_BASE_WEIGHT = 0.5;

const same = (a: string, b: string): boolean => foldTurkish(a.trim()) === foldTurkish(b.trim());

function chatTopicList(chatTopics: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of chatTopics) {
    if (typeof t === 'string' && t.trim().length > 0 && !out.some((o) => same(o, t))) {
      out.push(t.trim());
    }
  }
  return out.length > 0 ? out : [...DEFAULT_TOPICS];
}

/** Keyword score of each topic over the recent history, newest messages weighing most. */
export function scoreTopics(
  topics: readonly string[],
  history: readonly HistoryMessage[],
): Map<string, number> {
  const recent = history.slice(-LOOKBACK).reverse();
  return new Map(
    topics.map((topic) => [
      topic,
      recent.reduce(
        (sum, m, rank) =>
          sum +
          (topicHits(m.text, topic) + (m.topic && same(m.topic, topic) ? 1 : 0)) *
            RECENCY_DECAY ** rank,
        0,
      ),
    ]),
  );
}

function best(scores: Map<string, number>, rng: Rng): string | null {
  const max = Math.max(0, ...scores.values());
  if (max <= 0) {
    return null;
  }
  return pickOne(
    [...scores].filter(([, s]) => s === max).map(([t]) => t),
    rng,
  );
}

/**
 * The topic of a turn (SPEC 7.1 step 5): the chat's topics minus those under the speaker's stance
 * cooldown (when the filter is on); a reply follows its target's topic, else the topic the recent
 * history is most about; a new thread draws weighted by that score (each topic keeps a base chance);
 * with no signal at all, a random topic.
 */
export function chooseTopic(input: TopicInput, rng: Rng): TopicChoice {
  const topics = chatTopicList(input.chatTopics);
  const cooled = input.cooldownFilter
    ? topics.filter((t) =>
        input.stances.some(
          (s) =>
            same(s.topic, t) &&
            s.cooldown_until !== null &&
            s.cooldown_until.getTime() > input.now.getTime(),
        ),
      )
    : [];
  const allCooled = cooled.length === topics.length;
  const available = allCooled ? topics : topics.filter((t) => !cooled.includes(t));
  const result = (topic: string, reason: TopicReason): TopicChoice => ({
    topic,
    reason,
    cooled,
    all_cooled: allCooled,
  });

  if (input.target) {
    const stored = input.target.topic;
    const fromStored = stored ? available.find((t) => same(t, stored)) : undefined;
    if (fromStored) {
      return result(fromStored, 'target');
    }
    const fromText = best(scoreTopics(available, [input.target]), rng);
    if (fromText) {
      return result(fromText, 'target');
    }
  }
  const scores = scoreTopics(available, input.history);
  if (input.newThread) {
    const anySignal = [...scores.values()].some((s) => s > 0);
    const picked = pickWeighted(
      available,
      (t) => (scores.get(t) ?? 0) + NEW_THREAD_BASE_WEIGHT,
      rng,
    );
    if (anySignal && picked) {
      return result(picked, (scores.get(picked) ?? 0) > 0 ? 'recent_keywords' : 'random');
    }
  } else {
    const top = best(scores, rng);
    if (top) {
      return result(top, 'recent_keywords');
    }
  }
  return result(pickOne(available, rng) ?? available[0], 'random');
}
