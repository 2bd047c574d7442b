import { NEAR_DUPLICATE_THRESHOLD, textSimilarity } from '../../engine/dedup';
import type { Rng, StanceView } from '../../engine/engine-types';
import { pickOneOrThrow, seedFrom, seededRng } from '../../engine/random.util';
import { analyzeSentiment } from '../../engine/sentiment';
import { looksTurkish, trLower, trWords } from '../../engine/turkish-text.util';
import {
  buildScene,
  composeMessage,
  directionOf,
  domainOf,
  joinSentences,
  lowerStart,
  supportClause,
} from './demo-composer';
import type { DemoContext, DemoKind } from './demo-context';
import { INSTRUMENTS, SYNONYMS } from './demo-vocabulary';

/**
 * The offline Turkish market-chat generator (SPEC 9.4), used when no LLM key is configured. It
 * writes from the same context a model would get: persona register, topic, watchlist, holdings,
 * stances, reply target, news and length. Messages are composed from independent parts (lead,
 * observation, indicator or macro clause, plan, closer, emoji) with slot-filled vocabulary, which
 * keeps near-duplicates rare; the same (kind, context, seed) always gives the same text.
 */
export function demoComplete(kind: DemoKind, context: DemoContext, seed: number | string): string {
  const rng = seededRng(seedFrom('demo', kind, context.botName, seed));
  switch (kind) {
    case 'message':
      return composeMessage(context, rng, false);
    case 'human_reply':
      return composeMessage(context, rng, true);
    case 'paraphrase':
      return paraphrase(context, seed);
    case 'consistency_check':
      return JSON.stringify(checkConsistency(context.draft ?? '', context.stances));
    case 'rewrite':
      return rewriteForStance(context, rng);
    case 'news_brief':
      return newsBrief(context.headline ?? context.news?.headline ?? '', context.topic);
  }
}

// ---------------------------------------------------------------------------------------------
// Offline paraphrase, consistency check, rewrite and news brief

function swapSynonyms(text: string, rng: Rng): string {
  let out = text;
  for (const [a, b] of SYNONYMS) {
    if (rng() < 0.8) {
      const pattern = new RegExp(`(?<![\\p{L}])${a}(?![\\p{L}])`, 'gu');
      out = out.replace(pattern, b);
    }
  }
  return out;
}

/**
 * Swaps synonyms and sentence order; if that still reads like the draft (or anything to avoid),
 * writes a fresh message from the same context with another seed.
 */
function paraphrase(context: DemoContext, seed: number | string): string {
  const draft = context.draft ?? '';
  const avoid = [draft, ...(context.avoid ?? [])].filter((t) => t.trim().length > 0);
  const tooClose = (text: string): boolean =>
    avoid.some((other) => textSimilarity(text, other) >= NEAR_DUPLICATE_THRESHOLD);
  const rng = seededRng(seedFrom('demo-paraphrase', context.botName, seed));
  const sentences = draft.split(/(?<=[.!?])\s+/u).filter((s) => s.trim());
  const reordered =
    sentences.length > 1 && rng() < 0.6 ? [...sentences.slice(1), sentences[0]] : sentences;
  const swapped = swapSynonyms(reordered.join(' '), rng);
  if (swapped.trim() && !tooClose(swapped)) {
    return swapped;
  }
  const draftSymbols = INSTRUMENTS.map((i) => i.symbol).filter((symbol) => draft.includes(symbol));
  const focused: DemoContext =
    draftSymbols.length > 0 ? { ...context, focusSymbols: draftSymbols } : context;
  let best = '';
  let bestScore = Number.POSITIVE_INFINITY;
  for (let attempt = 1; attempt <= 6; attempt++) {
    const fresh = composeMessage(
      focused,
      seededRng(seedFrom('demo-fresh', context.botName, seed, attempt)),
      false,
    );
    const score = Math.max(...avoid.map((other) => textSimilarity(fresh, other)), 0);
    if (score < NEAR_DUPLICATE_THRESHOLD) {
      return fresh;
    }
    if (score < bestScore) {
      best = fresh;
      bestScore = score;
    }
  }
  return best;
}

/** Heuristic guard: the draft leans against a stance on the same subject. */
export function checkConsistency(
  draft: string,
  stances: readonly StanceView[],
): { contradicts: boolean; reason: string } {
  const draftLower = trLower(draft);
  const draftWords = new Set(trWords(draft));
  const draftDomains = new Set(
    INSTRUMENTS.filter((i) => draftLower.includes(trLower(i.symbol))).map((i) => i.domain),
  );
  const draftDirection = analyzeSentiment(draft).score;
  for (const stance of stances) {
    const stanceLower = trLower(stance.stance_text);
    const onSubject =
      trWords(stance.topic).some((w) => draftWords.has(w)) ||
      INSTRUMENTS.some(
        (i) => stanceLower.includes(trLower(i.symbol)) && draftLower.includes(trLower(i.symbol)),
      ) ||
      [...draftDomains].some((domain) => domainOf(stance.topic, []) === domain);
    if (!onSubject) {
      continue;
    }
    const stanceDirection = analyzeSentiment(stance.stance_text).score;
    if (
      Math.abs(draftDirection) >= 0.25 &&
      Math.abs(stanceDirection) >= 0.25 &&
      Math.sign(draftDirection) !== Math.sign(stanceDirection)
    ) {
      return {
        contradicts: true,
        reason: `${stance.topic} için kayıtlı görüş "${stance.stance_text}" iken taslak ters yönde konuşuyor`,
      };
    }
  }
  return { contradicts: false, reason: 'kayıtlı görüşlerle çelişki yok' };
}

function rewriteForStance(context: DemoContext, rng: Rng): string {
  const draft = context.draft ?? '';
  const verdictStance =
    context.stances.find((s) => checkConsistency(draft, [s]).contradicts) ?? context.stances[0];
  if (!verdictStance) {
    return draft;
  }
  const scene = {
    ...buildScene({ ...context, topic: context.topic ?? verdictStance.topic }, rng),
    view: directionOf(verdictStance.stance_text),
  };
  const lead = pickOneOrThrow(
    [
      `${verdictStance.topic} konusunda fikrim değişmedi`,
      `${verdictStance.topic} tarafında görüşüm aynı`,
      `${verdictStance.topic} için çizgimi koruyorum`,
    ],
    rng,
  );
  const stanceText = verdictStance.stance_text.trim().replace(/[.!]+$/u, '');
  return joinSentences([`${lead}, ${lowerStart(stanceText)}`, supportClause(scene, rng)], rng);
}

/** One Turkish sentence: the headline itself when Turkish, otherwise a neutral template. */
export function newsBrief(headline: string, topic: string | null): string {
  const clean = headline.replace(/\s+/g, ' ').trim();
  if (clean.length === 0) {
    return `${topic ?? 'Piyasalar'} tarafında yeni bir gelişme var.`;
  }
  if (looksTurkish(clean)) {
    const firstSentence = clean.split(/(?<=[.!?])\s/u)[0];
    const capped =
      firstSentence.length > 220
        ? `${firstSentence.slice(0, firstSentence.lastIndexOf(' ', 217))}…`
        : firstSentence;
    return /[.!?…]$/u.test(capped) ? capped : `${capped}.`;
  }
  // Keep only names (Fed, ECB, Nvidia) from a foreign headline: the words themselves are English.
  const names = [...new Set(clean.match(/\b\p{Lu}[\p{L}&.-]{1,}\b/gu) ?? [])]
    .filter(
      (name) => !['The', 'A', 'An', 'In', 'On', 'As', 'Of', 'To', 'And', 'For'].includes(name),
    )
    .slice(0, 3);
  const subject = topic ?? 'piyasalar';
  return names.length > 0
    ? `Yabancı basında ${subject} ile ilgili yeni bir haber var (${names.join(', ')}).`
    : `Yabancı basında ${subject} ile ilgili yeni bir haber var.`;
}
