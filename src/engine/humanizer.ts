import type { EmotionProfile, PersonaProfile, Rng } from './engine-types';
import { chance, pickOneOrThrow, seedFrom, seededRng } from './random.util';
import { lowerFirst, trLower } from './turkish-text.util';

/**
 * Moderate human touches on a cleaned draft (SPEC 7.4): openers, hedges, colloquial shortcuts,
 * fillers, an occasional typo corrected on a second line, and a per-bot voice (slang level,
 * emoji habit, punctuation habits). Everything is deterministic per (bot, message seed) so a
 * retried job produces the same text, and tickers, numbers, links and @mentions are never touched:
 * transformations only see the free text between those protected tokens.
 */

export interface VoiceProfile {
  /** 0–1: how readily the bot uses colloquial shortcuts ("bi", "tmm", "geliyo"). */
  slang: number;
  /** 0–1: chance to end a message with a signature emoji (0 when the persona uses none). */
  emojiHabit: number;
  signatureEmoji: string[];
  /** Ends statements with "..." instead of ".". */
  ellipsis: boolean;
  /** 0–1: tendency to start in lower case. */
  lowercaseStart: number;
  /** Doubles exclamation marks ("!!"). */
  doubleExclaim: boolean;
  /** 0–1: chance to leave out the final full stop. */
  dropsFinalPeriod: number;
  /** 0–1: how typo-prone the bot is. */
  typoProne: number;
  /** This bot's favourite openers and hedges (a subset, so bots sound different). */
  openers: string[];
  hedges: string[];
  fillers: string[];
}

export interface HumanizerBot {
  id: number;
  name: string;
  persona: Pick<PersonaProfile, 'style' | 'risk_profile'>;
  emotion: Pick<EmotionProfile, 'energy' | 'signature_emoji'>;
}

export interface HumanizeOptions {
  /** The humanization_enabled setting. */
  enabled: boolean;
  /** natural_imperfections_probability, 0–1: overall intensity of the touches. */
  imperfectionProbability: number;
  /** Per message seed (message id or turn key): same seed, same output. */
  seed: string | number;
}

export interface HumanizeResult {
  text: string;
  /** Which touches were applied, as stable codes. */
  applied: string[];
}

const OPENERS = [
  'bence',
  'valla',
  'ya',
  'açıkçası',
  'yani',
  'bak',
  'hmm',
  'şöyle ki',
  'abi',
  'off',
];
const HEDGES = ['galiba', 'diye düşünüyorum', 'bana kalırsa', 'sanırım', 'gibime geliyor'];
/** A text that already hedges or opens with an opinion word gets no second one. */
const HEDGED =
  /(?<![\p{L}])(gibi|galiba|sanırım|sanki|bence|bana kalırsa|düşünüyorum|herhalde)(?![\p{L}])/iu;
const FILLERS = ['yani', 'işte', 'hani', 'şey'];

/** Whole-word colloquial shortcuts; applied with the bot's slang level. */
const SHORTCUTS: ReadonlyArray<[RegExp, string]> = [
  [/(?<![\p{L}\p{N}])bir(?![\p{L}\p{N}])/gu, 'bi'],
  [/(?<![\p{L}\p{N}])tamam(?![\p{L}\p{N}])/gu, 'tmm'],
  [/(?<![\p{L}\p{N}])değil mi(?![\p{L}\p{N}])/gu, 'di mi'],
  [/(?<![\p{L}\p{N}])ne yapacağız(?![\p{L}\p{N}])/gu, 'napcaz'],
  [/(?<![\p{L}\p{N}])ne yapıyorsun(?![\p{L}\p{N}])/gu, 'napıyon'],
  [/(?<![\p{L}\p{N}])herhalde(?![\p{L}\p{N}])/gu, 'heralde'],
  [/(?<![\p{L}\p{N}])bilmiyorum(?![\p{L}\p{N}])/gu, 'bilmiyom'],
  [/(?<![\p{L}\p{N}])yapacağım(?![\p{L}\p{N}])/gu, 'yapcam'],
  [/(?<![\p{L}\p{N}])bakacağım(?![\p{L}\p{N}])/gu, 'bakcam'],
  [/(?<![\p{L}\p{N}])olacak(?![\p{L}\p{N}])/gu, 'olcak'],
  [/(?<![\p{L}\p{N}])merhaba(?![\p{L}\p{N}])/gu, 'mrb'],
  [/(?<![\p{L}\p{N}])teşekkürler(?![\p{L}\p{N}])/gu, 'tşk'],
  [/(?<![\p{L}\p{N}])gerçekten(?![\p{L}\p{N}])/gu, 'cidden'],
  // Progressive "-yor" loses its r in speech: geliyor → geliyo, düşüyor → düşüyo.
  [/(?<=\p{Ll}{2,})yor(?![\p{L}\p{N}])/gu, 'yo'],
];

/**
 * Tokens that must survive untouched: links, @mentions, $cashtags, tickers and other upper-case
 * words (THYAO, USD/TRY, BIST100), numbers with their formatting and percentages, and emoji.
 */
const PROTECTED = new RegExp(
  [
    String.raw`https?:\/\/\S*[^\s.,!?;:)]`,
    String.raw`@[\p{L}\p{N}_]+`,
    String.raw`\$?\p{Lu}[\p{Lu}\p{N}]+(?:[\/.]\p{Lu}+)*(?:'\p{L}+)?`,
    String.raw`%?\d(?:[\d.,:\/]*\d)?%?(?:'\p{L}+)?`,
    String.raw`\p{Extended_Pictographic}(?:\u200D\p{Extended_Pictographic}|\uFE0F)*`,
  ].join('|'),
  'gu',
);

/** The protected tokens of a text in order (exported for tests and callers' own checks). */
export function protectedTokens(text: string): string[] {
  return text.match(PROTECTED) ?? [];
}

/** Applies a transformation to the free text only, leaving protected tokens in place. */
function mapFree(text: string, transform: (free: string) => string): string {
  let result = '';
  let last = 0;
  for (const match of text.matchAll(PROTECTED)) {
    const index = match.index ?? 0;
    result += transform(text.slice(last, index)) + match[0];
    last = index + match[0].length;
  }
  return result + transform(text.slice(last));
}

function subset<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) {
    out.push(pool.splice(Math.floor(rng() * pool.length), 1)[0]);
  }
  return out;
}

/** The bot's voice, derived only from its id, name and persona: stable across restarts. */
export function voiceProfileFor(bot: HumanizerBot): VoiceProfile {
  const rng = seededRng(seedFrom('voice', bot.id, bot.name));
  const energy = clamp01(bot.emotion.energy);
  const cautious = bot.persona.risk_profile === 'düşük';
  const emojis = bot.persona.style.emojis ? bot.emotion.signature_emoji.filter((e) => e) : [];
  return {
    slang: round2(clamp01(0.1 + rng() * 0.5 + (cautious ? -0.1 : 0.1))),
    emojiHabit: emojis.length > 0 ? round2(0.08 + 0.3 * energy * rng()) : 0,
    signatureEmoji: emojis,
    ellipsis: rng() < (cautious ? 0.45 : 0.25),
    lowercaseStart: round2(0.2 + rng() * 0.6),
    doubleExclaim: energy > 0.6 && rng() < 0.6,
    dropsFinalPeriod: round2(0.4 + rng() * 0.5),
    typoProne: round2(0.2 + rng() * 0.5),
    openers: subset(rng, OPENERS, 3),
    hedges: subset(rng, HEDGES, cautious ? 3 : 2),
    fillers: subset(rng, FILLERS, 2),
  };
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0.5;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

const HAS_EMOJI = /\p{Extended_Pictographic}/u;
const OPENER_START = new RegExp(
  `^(?:@[\\p{L}\\p{N}_]+\\s+)?(?:${[...OPENERS, 'evet', 'hayır', 'aynen', 'bence', 'selam', 'merhaba'].join('|')})(?![\\p{L}])`,
  'iu',
);

/**
 * Humanizes a cleaned draft. The intensity follows imperfectionProbability: at 0 only the bot's
 * stable punctuation and emoji habits show; openers, hedges, fillers, shortcuts and typos scale
 * with it and at most two wording touches are applied to one message.
 */
export function humanize(
  text: string,
  bot: HumanizerBot,
  options: HumanizeOptions,
): HumanizeResult {
  const applied: string[] = [];
  // Emoji-only or number-only lines are already as human as they get.
  if (!options.enabled || !/\p{L}/u.test(text)) {
    return { text, applied };
  }
  const voice = voiceProfileFor(bot);
  const rng = seededRng(seedFrom('humanize', bot.id, options.seed));
  const p = clamp01(options.imperfectionProbability);
  let out = text.trim();
  const multiline = out.includes('\n');
  let wordingTouches = 0;
  const isQuestion = /\?\s*\S{0,4}$/u.test(out);

  // Opener, unless the text already opens like speech.
  const opener = pickOneOrThrow(voice.openers, rng);
  if (
    p > 0 &&
    chance(0.15 + p * 0.5, rng) &&
    !OPENER_START.test(out) &&
    !(opener === 'bence' && HEDGED.test(out))
  ) {
    const mention = /^@[\p{L}\p{N}_]+\s+/u.exec(out);
    const head = mention ? mention[0] : '';
    const rest = out.slice(head.length);
    const firstWord = /^\p{Lu}\p{Ll}+/u.test(rest) ? lowerFirst(rest) : rest;
    const glue = opener === 'off' || opener === 'hmm' ? ', ' : ' ';
    out = `${head}${opener}${glue}${firstWord}`;
    applied.push('opener');
    wordingTouches++;
  }

  // Hedge at the end of a statement.
  if (
    p > 0 &&
    wordingTouches < 2 &&
    !isQuestion &&
    !HEDGED.test(out) &&
    chance(0.05 + p * 0.3, rng)
  ) {
    const match = /^([\s\S]*\p{Ll})([.!…]*)$/u.exec(out);
    if (match && !multiline) {
      const hedge = pickOneOrThrow(voice.hedges, rng);
      const glue = hedge === 'bana kalırsa' ? ', ' : ' ';
      out = `${match[1]}${glue}${hedge}${match[2]}`;
      applied.push('hedge');
      wordingTouches++;
    }
  }

  // Filler after the first comma.
  if (p > 0 && wordingTouches < 2 && chance(p * 0.25, rng)) {
    const comma = out.indexOf(', ');
    const filler = pickOneOrThrow(voice.fillers, rng);
    const repeated = trLower(out).includes(`${filler} `);
    if (comma > 0 && !repeated && /^\p{Ll}/u.test(out.slice(comma + 2))) {
      out = `${out.slice(0, comma + 2)}${filler} ${out.slice(comma + 2)}`;
      applied.push('filler');
      wordingTouches++;
    }
  }

  // Colloquial shortcuts.
  if (p > 0 && chance(Math.min(0.9, voice.slang * (0.5 + p)), rng)) {
    const before = out;
    out = mapFree(out, (free) =>
      SHORTCUTS.reduce((acc, [pattern, replacement]) => acc.replace(pattern, replacement), free),
    );
    if (out !== before) {
      applied.push('shortcuts');
    }
  }

  // Lower-case start.
  if (p > 0 && chance(voice.lowercaseStart * (0.3 + p), rng)) {
    const lowered = /^\p{Lu}\p{Ll}/u.test(out) ? lowerFirst(out) : out;
    if (lowered !== out) {
      out = lowered;
      applied.push('lowercase_start');
    }
  }

  // Punctuation habits.
  if (voice.doubleExclaim && /!$/.test(out) && !/!!$/.test(out)) {
    out = `${out}!`;
    applied.push('double_exclaim');
  }
  if (/[^.]\.$/u.test(out)) {
    if (voice.ellipsis && chance(0.5, rng)) {
      out = `${out}..`;
      applied.push('ellipsis');
    } else if (chance(voice.dropsFinalPeriod, rng)) {
      out = out.slice(0, -1);
      applied.push('no_final_period');
    }
  }

  // Signature emoji.
  if (voice.signatureEmoji.length > 0 && !HAS_EMOJI.test(out) && chance(voice.emojiHabit, rng)) {
    // People drop the full stop before an emoji.
    out = `${out.replace(/(?<!\.)\.$/u, '')} ${pickOneOrThrow(voice.signatureEmoji, rng)}`;
    applied.push('emoji');
  }

  // Typo with a correction on a second line, the way people fix themselves in chat.
  if (p > 0 && !multiline && chance(p * voice.typoProne * 0.3, rng)) {
    const typo = introduceTypo(out, rng);
    if (typo) {
      out = `${typo.text}\n*${typo.correct}`;
      applied.push('typo_correction');
    }
  }
  return { text: out, applied };
}

/** Swaps two adjacent inner letters of one free lower-case word of at least five letters. */
function introduceTypo(text: string, rng: Rng): { text: string; correct: string } | null {
  const candidates: Array<{ index: number; word: string }> = [];
  let last = 0;
  const scan = (free: string, base: number): void => {
    for (const match of free.matchAll(/(?<![\p{L}\p{N}'_])\p{Ll}{5,}(?![\p{L}\p{N}'_])/gu)) {
      candidates.push({ index: base + (match.index ?? 0), word: match[0] });
    }
  };
  for (const match of text.matchAll(PROTECTED)) {
    const index = match.index ?? 0;
    scan(text.slice(last, index), last);
    last = index + match[0].length;
  }
  scan(text.slice(last), last);
  if (candidates.length === 0) {
    return null;
  }
  const { index, word } = pickOneOrThrow(candidates, rng);
  const letters = [...word];
  const at = 1 + Math.floor(rng() * (letters.length - 3));
  if (letters[at] === letters[at + 1]) {
    return null;
  }
  [letters[at], letters[at + 1]] = [letters[at + 1], letters[at]];
  const typoWord = letters.join('');
  return {
    text: text.slice(0, index) + typoWord + text.slice(index + word.length),
    correct: word,
  };
}
