import { foldTurkish, trLower } from './turkish-text.util';

/**
 * Near-duplicate detection (SPEC 7.7). Texts are normalised (Turkish lower-case, ASCII-folded,
 * without mentions, links, emoji, punctuation or number formatting) and compared as sets of
 * character 3- to 5-grams with the Jaccard index. Character n-grams catch the cheap paraphrases
 * a model produces on retry (a swapped opener, an added emoji, "bi" for "bir") that word
 * comparison misses, and suit Turkish suffixes ("yükseliş"/"yükselişi" share most grams).
 */

/**
 * Jaccard score at or above which two texts count as near-duplicates. Measured on the specs'
 * examples: the same sentence with another opener, an emoji, folded letters or one changed verb
 * scores 0.75–1; different messages about the same symbol score about 0.05; two lines built on
 * the same template with other slot values (another symbol and level) score 0.45–0.85. 0.55
 * catches the retries a reader would notice without flagging ordinary topical overlap.
 */
export const NEAR_DUPLICATE_THRESHOLD = 0.55;

const MIN_GRAM = 3;
const MAX_GRAM = 5;

/** Canonical form for comparison; empty when the text has no letters or digits (emoji only). */
export function normalizeForDedup(text: string): string {
  const lowered = trLower(text.normalize('NFKC'))
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/@[\p{L}\p{N}_]+/gu, ' ')
    // "1.234,50", "1,234.50" and "1234,5" all become "123450"-like digit runs.
    .replace(/(\d)[.,'](?=\d)/g, '$1');
  return foldTurkish(lowered)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/** The set of character n-grams (3–5) of a normalised text, padded so short words count. */
export function ngramSet(normalized: string): Set<string> {
  const grams = new Set<string>();
  if (normalized.length === 0) {
    return grams;
  }
  const padded = ` ${normalized} `;
  for (let n = MIN_GRAM; n <= MAX_GRAM; n++) {
    for (let i = 0; i + n <= padded.length; i++) {
      grams.add(padded.slice(i, i + n));
    }
  }
  // A one- or two-letter text ("ok") still needs a gram to compare.
  if (grams.size === 0) {
    grams.add(padded);
  }
  return grams;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) {
    return 0;
  }
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const gram of small) {
    if (large.has(gram)) {
      shared++;
    }
  }
  return shared / (a.size + b.size - shared);
}

/** Similarity of two raw texts in 0..1 (1 = same after normalisation). */
export function textSimilarity(a: string, b: string): number {
  const na = normalizeForDedup(a);
  const nb = normalizeForDedup(b);
  if (na.length === 0 || nb.length === 0) {
    return a.trim() === b.trim() && a.trim().length > 0 ? 1 : 0;
  }
  if (na === nb) {
    return 1;
  }
  return jaccard(ngramSet(na), ngramSet(nb));
}

export interface DuplicateCheck {
  /** True when the best score reaches the threshold. */
  duplicate: boolean;
  /** True when the normalised forms are identical. */
  exact: boolean;
  /** Index into the recent list of the most similar text, -1 when the list is empty. */
  bestIndex: number;
  bestMatch: string | null;
  /** Jaccard score of the best match, 0..1. */
  score: number;
}

/**
 * Compares a candidate with recent texts (the bot's own in the dedup window and the chat's last
 * messages) and returns the closest one. An emoji-only candidate has nothing to compare after
 * normalisation: it is only a duplicate of the identical raw text.
 */
export function findNearDuplicate(
  candidate: string,
  recent: readonly string[],
  threshold: number = NEAR_DUPLICATE_THRESHOLD,
): DuplicateCheck {
  const normalized = normalizeForDedup(candidate);
  const grams = ngramSet(normalized);
  let best: DuplicateCheck = {
    duplicate: false,
    exact: false,
    bestIndex: -1,
    bestMatch: null,
    score: 0,
  };
  recent.forEach((text, index) => {
    const other = normalizeForDedup(text);
    let score: number;
    let exact = false;
    if (normalized.length === 0 || other.length === 0) {
      exact = candidate.trim().length > 0 && candidate.trim() === text.trim();
      score = exact ? 1 : 0;
    } else if (normalized === other) {
      exact = true;
      score = 1;
    } else {
      score = jaccard(grams, ngramSet(other));
    }
    if (score > best.score || best.bestIndex === -1) {
      best = { duplicate: score >= threshold, exact, bestIndex: index, bestMatch: text, score };
    }
  });
  return best;
}
