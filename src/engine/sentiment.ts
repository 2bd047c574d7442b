import { trLower } from './turkish-text.util';

/**
 * Turkish market-chat sentiment from a small lexicon. Chat lines are short and formulaic
 * ("uçtu", "stop oldum", "🚀"), so a weighted lexicon with stem matching and a negation check
 * is enough to pick a fitting reaction or decide whether a draft leans bullish or bearish.
 */

export type SentimentTag = 'euphoria' | 'distress' | 'fear' | 'humor' | 'question' | 'thanks';

export interface Sentiment {
  /** −1 (very bearish or upset) .. 1 (very bullish or happy). */
  score: number;
  /** Lexicon entries found, for explanations and tests. */
  hits: string[];
  tags: SentimentTag[];
}

interface LexiconEntry {
  /** Stem matched at the start of a word (after Turkish lower-casing), or a phrase. */
  term: string;
  weight: number;
  tag?: SentimentTag;
  /** Phrases match anywhere; stems match at word starts and can be negated by -me/-ma. */
  phrase?: boolean;
  /** Only the whole word matches (short stems that start unrelated words: "kan" / "kanal"). */
  exact?: boolean;
  /** Words that start with the stem but mean something else ("düşün" is "think"). */
  exclude?: string[];
}

const LEXICON: readonly LexiconEntry[] = [
  // Bullish movement and mood.
  { term: 'yüksel', weight: 0.6 },
  { term: 'yükseliş', weight: 0.7 },
  { term: 'artış', weight: 0.5 },
  { term: 'arttı', weight: 0.5 },
  { term: 'prim', weight: 0.5 },
  { term: 'boğa', weight: 0.7 },
  { term: 'uçtu', weight: 1, tag: 'euphoria' },
  { term: 'uçuyor', weight: 1, tag: 'euphoria' },
  { term: 'uçar', weight: 0.8 },
  { term: 'roket', weight: 0.9, tag: 'euphoria' },
  { term: 'tavan', weight: 0.9, tag: 'euphoria' },
  { term: 'rekor', weight: 0.6 },
  { term: 'zirve', weight: 0.5 },
  { term: 'kırdı', weight: 0.4 },
  { term: 'toparlan', weight: 0.5 },
  { term: 'güçlü', weight: 0.5 },
  { term: 'pozitif', weight: 0.5 },
  { term: 'olumlu', weight: 0.5 },
  { term: 'fırsat', weight: 0.4 },
  { term: 'kazan', weight: 0.6 },
  { term: 'kâr', weight: 0.5 },
  { term: 'kar aldım', weight: 0.5, phrase: true },
  { term: 'hedef', weight: 0.2 },
  { term: 'alım', weight: 0.3 },
  { term: 'ekledim', weight: 0.3 },
  { term: 'iyi', weight: 0.3 },
  { term: 'güzel', weight: 0.4 },
  { term: 'süper', weight: 0.6 },
  { term: 'harika', weight: 0.7 },
  { term: 'helal', weight: 0.6 },
  { term: 'tebrik', weight: 0.6 },
  { term: 'sağ ol', weight: 0.4, tag: 'thanks', phrase: true },
  { term: 'teşekkür', weight: 0.4, tag: 'thanks' },
  { term: 'eyvallah', weight: 0.3, tag: 'thanks' },
  // Bearish movement and mood.
  { term: 'düş', weight: -0.6, exclude: ['düşün', 'düşür'] },
  { term: 'düşüş', weight: -0.7 },
  { term: 'geriledi', weight: -0.5 },
  { term: 'geriliyor', weight: -0.5 },
  { term: 'ayı', weight: -0.7, exact: true },
  { term: 'ayılar', weight: -0.7, exact: true },
  { term: 'çakıldı', weight: -1, tag: 'distress' },
  { term: 'çöktü', weight: -1, tag: 'distress' },
  { term: 'çöküş', weight: -0.9, tag: 'fear' },
  { term: 'taban', weight: -0.9, tag: 'distress' },
  { term: 'stop oldum', weight: -0.9, tag: 'distress', phrase: true },
  { term: 'stop olduk', weight: -0.9, tag: 'distress', phrase: true },
  { term: 'zarar', weight: -0.6, tag: 'distress' },
  { term: 'eksi', weight: -0.4, exact: true },
  { term: 'eksiye', weight: -0.4, exact: true },
  { term: 'battı', weight: -0.9, tag: 'distress' },
  { term: 'battım', weight: -1, tag: 'distress' },
  { term: 'eridi', weight: -0.7, tag: 'distress' },
  { term: 'kayıp', weight: -0.6, tag: 'distress' },
  { term: 'sert satış', weight: -0.7, phrase: true },
  { term: 'satış baskısı', weight: -0.6, phrase: true },
  { term: 'kan', weight: -0.5, tag: 'fear', exact: true },
  { term: 'kan gölü', weight: -0.5, tag: 'fear', phrase: true },
  { term: 'panik', weight: -0.7, tag: 'fear' },
  { term: 'korku', weight: -0.6, tag: 'fear' },
  { term: 'endişe', weight: -0.5, tag: 'fear' },
  { term: 'risk', weight: -0.3, tag: 'fear' },
  { term: 'tehlike', weight: -0.5, tag: 'fear' },
  { term: 'negatif', weight: -0.5 },
  { term: 'olumsuz', weight: -0.5 },
  { term: 'zayıf', weight: -0.4 },
  { term: 'kötü', weight: -0.5 },
  { term: 'berbat', weight: -0.8 },
  { term: 'felaket', weight: -0.9, tag: 'fear' },
  { term: 'dip', weight: -0.3, exact: true },
  { term: 'bıktım', weight: -0.6, tag: 'distress' },
  // Humour.
  { term: 'haha', weight: 0.3, tag: 'humor' },
  { term: 'hehe', weight: 0.2, tag: 'humor' },
  { term: 'sksk', weight: 0.3, tag: 'humor' },
  { term: 'ahaha', weight: 0.3, tag: 'humor' },
  { term: 'komik', weight: 0.2, tag: 'humor' },
];

const EMOJI_LEXICON: ReadonlyArray<[string, number, SentimentTag?]> = [
  ['🚀', 0.9, 'euphoria'],
  ['📈', 0.6],
  ['🤑', 0.7, 'euphoria'],
  ['💰', 0.4],
  ['💎', 0.3],
  ['🐂', 0.6],
  ['✅', 0.3],
  ['🔥', 0.4],
  ['🎉', 0.6, 'euphoria'],
  ['👍', 0.3],
  ['😊', 0.3],
  ['😎', 0.3],
  ['🙏', 0.1, 'thanks'],
  ['😂', 0.3, 'humor'],
  ['🤣', 0.3, 'humor'],
  ['😅', 0, 'humor'],
  ['📉', -0.7],
  ['🐻', -0.6],
  ['🩸', -0.7, 'fear'],
  ['💀', -0.6, 'distress'],
  ['😭', -0.7, 'distress'],
  ['😢', -0.6, 'distress'],
  ['😱', -0.6, 'fear'],
  ['😨', -0.5, 'fear'],
  ['😡', -0.6],
  ['❌', -0.3],
  ['💸', -0.4, 'distress'],
  ['🤡', -0.3],
];

/** For each stem, the longer stems that extend it (precomputed: texts can be long). */
const LONGER_STEMS = new Map<LexiconEntry, LexiconEntry[]>(
  LEXICON.map((entry) => [
    entry,
    LEXICON.filter((o) => o !== entry && !o.phrase && o.term.startsWith(entry.term)),
  ]),
);

/** -me/-ma negation right after a verb stem: yükselmez, yükselmedi, düşmüyor, düşmeyecek. */
const NEGATED_SUFFIX = /^(m[ea]z|m[ea]d[ıi]|m[ıiuü]yor|m[ea]y[ea]c[ea]k|m[ea]m[ıi]ş)/;
const NEGATION_WORDS = new Set(['değil', 'yok', 'olmaz', 'olmadı']);

/** Scores a text in −1..1 with its lexicon hits and mood tags. */
export function analyzeSentiment(text: string): Sentiment {
  const lower = trLower(text);
  const words = lower.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
  const hits: string[] = [];
  const tags = new Set<SentimentTag>();
  let sum = 0;

  for (const entry of LEXICON) {
    if (entry.phrase) {
      if (lower.includes(entry.term)) {
        sum += entry.weight;
        hits.push(entry.term);
        if (entry.tag) {
          tags.add(entry.tag);
        }
      }
      continue;
    }
    words.forEach((word, index) => {
      if (
        !word.startsWith(entry.term) ||
        (entry.exact === true && word !== entry.term) ||
        entry.exclude?.some((prefix) => word.startsWith(prefix))
      ) {
        return;
      }
      // A longer lexicon stem that also matches wins ("düşüş" over "düş").
      if (
        LONGER_STEMS.get(entry)?.some((o) =>
          o.exact === true ? word === o.term : word.startsWith(o.term),
        )
      ) {
        return;
      }
      const negated =
        NEGATED_SUFFIX.test(word.slice(entry.term.length)) ||
        NEGATION_WORDS.has(words[index + 1] ?? '');
      const weight = negated ? -entry.weight * 0.6 : entry.weight;
      sum += weight;
      hits.push(negated ? `${entry.term}(-)` : entry.term);
      if (entry.tag && !negated) {
        tags.add(entry.tag);
      }
    });
  }
  for (const [emoji, weight, tag] of EMOJI_LEXICON) {
    const count = lower.split(emoji).length - 1;
    if (count > 0) {
      // Repeated emoji ("🚀🚀🚀") intensify a little, not linearly.
      sum += weight * Math.min(2, 1 + (count - 1) * 0.3);
      hits.push(emoji);
      if (tag) {
        tags.add(tag);
      }
    }
  }
  const questionParticle = words.some((w) => /^m[ıiuü](s[ıiuü]n|y[ıiuü]z|d[ıiuü]r)?$/.test(w));
  if (text.includes('?') || questionParticle) {
    tags.add('question');
  }
  const score = sum === 0 ? 0 : Math.tanh(sum / 1.5);
  return { score: Math.round(score * 1000) / 1000, hits, tags: [...tags] };
}
