import { jaccard, NEAR_DUPLICATE_THRESHOLD, ngramSet, normalizeForDedup } from './dedup';
import { trLower, trWords } from './turkish-text.util';

/**
 * Realism metrics over a chat's messages (SPEC 14.1): lexical diversity, repetition, length,
 * threading and agreement. Pure functions over plain texts and reply links, so the dashboard,
 * the replay A/B and the demo generator's spec all measure the same way.
 */

/** Unique word n-grams / all word n-grams across the texts (0 when there are none). */
export function distinctN(texts: readonly string[], n: number): number {
  let total = 0;
  const unique = new Set<string>();
  for (const text of texts) {
    const words = trWords(text);
    for (let i = 0; i + n <= words.length; i++) {
      unique.add(words.slice(i, i + n).join(' '));
      total++;
    }
  }
  return total === 0 ? 0 : unique.size / total;
}

/**
 * Share of messages that are near-duplicates (dedup.ts similarity ≥ threshold) of an earlier
 * message in the list. Messages with nothing to compare (emoji only) count only when identical.
 */
export function nearDuplicateRate(
  texts: readonly string[],
  threshold: number = NEAR_DUPLICATE_THRESHOLD,
): number {
  if (texts.length === 0) {
    return 0;
  }
  const prepared = texts.map((text) => {
    const normalized = normalizeForDedup(text);
    return { raw: text.trim(), normalized, grams: ngramSet(normalized) };
  });
  let duplicates = 0;
  prepared.forEach((current, index) => {
    for (let j = 0; j < index; j++) {
      const earlier = prepared[j];
      const hit =
        current.normalized.length === 0 || earlier.normalized.length === 0
          ? current.raw.length > 0 && current.raw === earlier.raw
          : current.normalized === earlier.normalized ||
            jaccard(current.grams, earlier.grams) >= threshold;
      if (hit) {
        duplicates++;
        return;
      }
    }
  });
  return duplicates / texts.length;
}

export interface LengthDistribution {
  count: number;
  /** In characters (code points). */
  mean: number;
  median: number;
  p90: number;
  min: number;
  max: number;
  /** Shares of short (≤ 80 chars), medium (≤ 240) and long messages. */
  buckets: { short: number; medium: number; long: number };
}

export const LENGTH_BUCKET_LIMITS = { short: 80, medium: 240 } as const;

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) {
    return 0;
  }
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

export function lengthDistribution(texts: readonly string[]): LengthDistribution {
  const lengths = texts.map((text) => [...text.trim()].length).sort((a, b) => a - b);
  const count = lengths.length;
  if (count === 0) {
    return {
      count: 0,
      mean: 0,
      median: 0,
      p90: 0,
      min: 0,
      max: 0,
      buckets: { short: 0, medium: 0, long: 0 },
    };
  }
  const short = lengths.filter((l) => l <= LENGTH_BUCKET_LIMITS.short).length;
  const medium = lengths.filter(
    (l) => l > LENGTH_BUCKET_LIMITS.short && l <= LENGTH_BUCKET_LIMITS.medium,
  ).length;
  return {
    count,
    mean: lengths.reduce((sum, l) => sum + l, 0) / count,
    median: quantile(lengths, 0.5),
    p90: quantile(lengths, 0.9),
    min: lengths[0],
    max: lengths[count - 1],
    buckets: {
      short: short / count,
      medium: medium / count,
      long: (count - short - medium) / count,
    },
  };
}

export interface GapDistribution {
  count: number;
  /** Seconds between consecutive messages. */
  mean: number;
  median: number;
  p90: number;
  max: number;
}

/** Inter-message times (SPEC 14.1) over timestamps in any order. */
export function interMessageGaps(timestamps: readonly Date[]): GapDistribution {
  const times = timestamps.map((t) => t.getTime()).sort((a, b) => a - b);
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) {
    gaps.push((times[i] - times[i - 1]) / 1000);
  }
  gaps.sort((a, b) => a - b);
  if (gaps.length === 0) {
    return { count: 0, mean: 0, median: 0, p90: 0, max: 0 };
  }
  return {
    count: gaps.length,
    mean: gaps.reduce((sum, g) => sum + g, 0) / gaps.length,
    median: quantile(gaps, 0.5),
    p90: quantile(gaps, 0.9),
    max: gaps[gaps.length - 1],
  };
}

export interface ThreadMessage {
  id: number;
  reply_to_id: number | null;
}

export interface ReplyDepthStats {
  /** Mean depth over all messages (a message that replies to nothing has depth 0). */
  mean: number;
  max: number;
  /** Share of messages that are replies. */
  replyShare: number;
  /** Number of messages at each depth, index = depth. */
  histogram: number[];
}

/**
 * Depth of each message in its reply chain. A reply to a message outside the list counts as
 * depth 1; cycles (corrupt data) are cut instead of looping.
 */
export function replyDepth(messages: readonly ThreadMessage[]): ReplyDepthStats {
  const byId = new Map(messages.map((m) => [m.id, m]));
  const memo = new Map<number, number>();
  const depthOf = (message: ThreadMessage, seen: Set<number>): number => {
    const cached = memo.get(message.id);
    if (cached !== undefined) {
      return cached;
    }
    let depth = 0;
    if (message.reply_to_id !== null) {
      const parent = byId.get(message.reply_to_id);
      depth =
        parent && !seen.has(parent.id) ? 1 + depthOf(parent, new Set(seen).add(message.id)) : 1;
    }
    memo.set(message.id, depth);
    return depth;
  };
  const depths = messages.map((m) => depthOf(m, new Set([m.id])));
  const histogram: number[] = [];
  depths.forEach((d) => {
    while (histogram.length <= d) {
      histogram.push(0);
    }
    histogram[d]++;
  });
  const count = depths.length;
  return {
    mean: count === 0 ? 0 : depths.reduce((s, d) => s + d, 0) / count,
    max: count === 0 ? 0 : Math.max(...depths),
    replyShare: count === 0 ? 0 : messages.filter((m) => m.reply_to_id !== null).length / count,
    histogram,
  };
}

export type AgreementClass = 'agree' | 'disagree' | 'neutral';

const DISAGREE_MARKERS = [
  'katılmıyorum',
  'katılmam',
  'aynı fikirde değilim',
  'o kadar net değil',
  'emin değilim',
  'farklı düşünüyorum',
  'bence değil',
  'tam öyle değil',
  'yanılıyorsun',
  'hiç sanmıyorum',
  'sanmıyorum',
  'orada ayrılıyoruz',
  'o kadar iyimser değilim',
  'o kadar karamsar değilim',
  'saygı duyarım ama',
  'itiraz',
  'hayır',
];

const AGREE_MARKERS = [
  'aynen',
  'katılıyorum',
  'bence de',
  'haklısın',
  'aynı fikirdeyim',
  'kesinlikle',
  'doğru tespit',
  'çok doğru',
  '+1',
  'evet',
  'aynısını',
  'yerinde tespit',
  'tam olarak',
  'ben de öyle',
];

function containsPhrase(lower: string, phrase: string): boolean {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(lower);
}

/** Classifies a reply's stance towards what it answers, from Turkish markers. */
export function classifyAgreement(text: string): AgreementClass {
  const lower = trLower(text);
  if (DISAGREE_MARKERS.some((m) => containsPhrase(lower, m))) {
    return 'disagree';
  }
  if (AGREE_MARKERS.some((m) => containsPhrase(lower, m))) {
    return 'agree';
  }
  return 'neutral';
}

export interface AgreementStats {
  agree: number;
  disagree: number;
  neutral: number;
  /** agree / (agree + disagree); 0 when neither occurs. An "everyone agrees" alarm reads this. */
  agreementRate: number;
}

/** Agreement over reply texts only (new threads neither agree nor disagree). */
export function agreementStats(replyTexts: readonly string[]): AgreementStats {
  const counts = { agree: 0, disagree: 0, neutral: 0 };
  replyTexts.forEach((text) => counts[classifyAgreement(text)]++);
  const decided = counts.agree + counts.disagree;
  return { ...counts, agreementRate: decided === 0 ? 0 : counts.agree / decided };
}
