import type { LengthCategory } from './engine-types';
import { boundedMemo } from './bounded-memo.util';
import { englishShare } from './turkish-text.util';

/**
 * Cleans a model's draft before it can reach a group (SPEC 7.4): removes the traces that give a
 * bot away, enforces the content filter, trims to a chat-like length and guarantees text that
 * Telegram accepts. We send without parse_mode, so nothing needs escaping, but the text must be
 * valid UTF-16 (no lone surrogates) and at most 4096 characters.
 */

export const TELEGRAM_MAX_MESSAGE_LENGTH = 4096;

/** Realistic upper bounds for a group chat line, by length category (characters). */
export const DEFAULT_LENGTH_CAPS: Record<LengthCategory, number> = {
  short: 180,
  medium: 380,
  long: 750,
};

export type DropReason = 'empty' | 'ai_disclosure' | 'forbidden_advice' | 'not_turkish';

export interface PostProcessOptions {
  /** The speaking bot's display name (for "Name:" labels the model copies from the transcript). */
  botName: string;
  /** Other speakers in the transcript: a line starting with one of them is the model role-playing. */
  otherSpeakers?: readonly string[];
  length: LengthCategory;
  lengthCaps?: Partial<Record<LengthCategory, number>>;
}

export interface PostProcessResult {
  text: string;
  /** True when the message must not be sent; dropReason says why. */
  dropped: boolean;
  dropReason: DropReason | null;
  /** What was changed, as stable codes for logs and metrics. */
  changes: string[];
}

/**
 * JavaScript's \b only knows ASCII letters, so "alın" would end inside "alınır". Patterns below
 * use \b and get it rewritten to a Unicode-aware word boundary.
 */
const UNICODE_BOUNDARY = String.raw`(?:(?<![\p{L}\p{N}])(?=[\p{L}\p{N}])|(?<=[\p{L}\p{N}])(?![\p{L}\p{N}]))`;

/**
 * A word pattern with its Unicode-aware boundaries (`exact`), and the same pattern without any
 * (`quick`, no g flag). The boundary's lookarounds over Unicode classes cost microseconds per
 * test, dozens of times what the pattern costs without them, and the quick one matches wherever
 * the exact one does: the exact one runs only on text where the quick one found something.
 */
export interface WordPattern {
  exact: RegExp;
  quick: RegExp;
}

export function unicodeWords(pattern: RegExp): WordPattern {
  const flags = [...new Set([...pattern.flags, 'u'])];
  return {
    exact: new RegExp(pattern.source.replace(/\\b/g, UNICODE_BOUNDARY), flags.join('')),
    quick: new RegExp(
      pattern.source.replace(/\\b/g, ''),
      flags.filter((flag) => flag !== 'g').join(''),
    ),
  };
}

export function matchesWords(pattern: WordPattern, text: string): boolean {
  pattern.exact.lastIndex = 0;
  return pattern.quick.test(text) && pattern.exact.test(text);
}

/** Sentences that reveal the author as a machine. Removed; if nothing else remains, dropped. */
const AI_TRACE_PATTERNS: readonly WordPattern[] = (
  [
    /\b(as an ai|as a language model|i am an ai|i'm an ai|as an assistant|openai|chatgpt)\b/i,
    /yapay\s*zek[aâ]\s*(olarak|modeli|asistan)/i,
    /bir\s+yapay\s*zek[aâ]/i,
    /(bir\s+)?(büyük\s+)?dil\s+modeli\s*(olarak|yim|im)/i,
    /\bben\s+bir\s+(bot|yapay|asistan|program)/i,
    /\b(bir\s+)?bot\s+olarak\b/i,
    /\bbotum\b/i,
    /\basistan(ı)?\s+olarak\b/i,
    /gerçek\s+zamanlı\s+(veri|verilere)\s+erişimim\s+yok/i,
    /(finansal|yatırım)\s+danışman(ı)?\s+değilim,?\s+(ama|ancak)\s+bir\s+yapay/i,
  ] as RegExp[]
).map(unicodeWords);

interface ContentRule<P = WordPattern> {
  pattern: P;
  /** Replacement that keeps the sentence but removes the promise; null drops the message. */
  soften: string | null;
  code: string;
}

/**
 * Guaranteed gains and direct buy/sell orders are what make a market group illegal (SPK rules on
 * investment advice) and spammy. Promises are softened into opinions where a simple replacement
 * keeps the sentence readable; calls to action and "advice" framing drop the message.
 */
const CONTENT_RULES: readonly ContentRule[] = (
  [
    {
      pattern: /garanti(li)?\s+(kazanç|getiri|kar|kâr|para)/giu,
      soften: null,
      code: 'guaranteed_gain',
    },
    { pattern: /risksiz\s+(kazanç|getiri|kar|kâr)/giu, soften: null, code: 'riskless_gain' },
    { pattern: /kesin\s+(kazanç|getiri|kar|kâr)/giu, soften: null, code: 'certain_gain' },
    {
      pattern: /%\s?100\s+(kazanç|getiri|kar|kâr|garanti)/giu,
      soften: null,
      code: 'hundred_percent_gain',
    },
    { pattern: /yatırım\s+tavsiyesi\s*[:：]?\s*(al|sat)\b/giu, soften: null, code: 'advice_call' },
    { pattern: /(bu\s+)?bir\s+yatırım\s+tavsiyesidir/giu, soften: null, code: 'advice_claim' },
    {
      pattern: /\b(mutlaka|hemen|acilen)\s+(alın|alin|satın alın|girin|toplayın|ekleyin)\b/giu,
      soften: null,
      code: 'call_to_action',
    },
    { pattern: /\bkaçırmayın\b/giu, soften: null, code: 'call_to_action' },
    { pattern: /\b(vip|sinyal)\s+(grub|kanal)\w*/giu, soften: null, code: 'signal_group' },
    { pattern: /\bzengin\s+olacaksınız\b/giu, soften: null, code: 'get_rich' },
    {
      pattern: /\bkesin\s+(yükselecek|yükselir|uçacak|uçar|artacak|çıkacak)\b/giu,
      soften: 'bence yükselebilir',
      code: 'certain_rise',
    },
    {
      pattern: /\bkesin\s+(düşecek|düşer|çakılacak|çökecek)\b/giu,
      soften: 'bence düşebilir',
      code: 'certain_fall',
    },
    {
      pattern: /%\s?100\s+(yükselir|yükselecek|çıkar|çıkacak|uçar|uçacak|artar|artacak)/giu,
      soften: 'büyük ihtimalle $1',
      code: 'hundred_percent',
    },
    { pattern: /\bgarantili\b/giu, soften: 'bence güçlü', code: 'guaranteed' },
    // Bare "garanti" is also the bank (GARAN): only the predicate "garantidir" is a promise.
    { pattern: /\bgarantidir\b/giu, soften: 'bence olası', code: 'guaranteed' },
    { pattern: /\bmutlaka\s+alınmalı\b/giu, soften: 'takibe değer', code: 'must_buy' },
  ] as ContentRule<RegExp>[]
).map((rule) => ({ ...rule, pattern: unicodeWords(rule.pattern) }));

/** Lone surrogates make Telegram reject the request ("strings must be encoded in UTF-8"). */
function removeBrokenSurrogates(text: string): string {
  return text.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '',
  );
}

/** C0 controls except tab and newline, DEL, zero-width space, word joiner and BOM. */
function isInvisibleControl(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  if (code === 0x09 || code === 0x0a || code === 0x0d) {
    return false;
  }
  return code < 0x20 || code === 0x7f || code === 0x200b || code === 0x2060 || code === 0xfeff;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The label patterns of recent name lists: a chat's speakers are the same turn after turn, and a
 * case-insensitive Unicode pattern is costly to build (it was a large share of postProcess).
 */
const LABEL_PATTERNS_REMEMBERED = 2000;
const NAME_SEPARATOR = '\u0000';
const labelPatternOf = boundedMemo((joined: string): RegExp | null => {
  const cleaned = joined
    .split(NAME_SEPARATOR)
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
  if (cleaned.length === 0) {
    return null;
  }
  const alternatives = cleaned.map(escapeRegExp).join('|');
  return new RegExp(
    `^\\s*\\[?@?(?:${alternatives})\\]?(?:\\s*\\([^)]{0,20}\\))?\\s*[:：]\\s*`,
    'iu',
  );
}, LABEL_PATTERNS_REMEMBERED);

/** "Name:" or "[Name]:" at a line start, for the given names (no g flag: test() keeps no state). */
function labelPattern(names: readonly string[]): RegExp | null {
  return labelPatternOf(names.join(NAME_SEPARATOR));
}

function splitSentences(text: string): string[] {
  return text.split(/(?<=[.!?…])\s+|\n+/u).filter((s) => s.trim().length > 0);
}

/** Cuts at the last sentence end (else word boundary) that fits within max characters. */
export function capLength(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) {
    return text;
  }
  const head = chars.slice(0, max).join('');
  const sentenceEnd = Math.max(
    head.lastIndexOf('. '),
    head.lastIndexOf('! '),
    head.lastIndexOf('? '),
    head.lastIndexOf('\n'),
  );
  if (sentenceEnd >= max * 0.4) {
    return head.slice(0, sentenceEnd + 1).trim();
  }
  const space = head.lastIndexOf(' ');
  // Leave room for the ellipsis.
  const cut = space >= max * 0.4 ? head.slice(0, space) : chars.slice(0, max - 1).join('');
  return cut.replace(/[\s,;:–-]+$/u, '').trim() + '…';
}

export function postProcess(raw: string, options: PostProcessOptions): PostProcessResult {
  const changes: string[] = [];
  const drop = (dropReason: DropReason, text = ''): PostProcessResult => ({
    text,
    dropped: true,
    dropReason,
    changes,
  });
  let text = removeBrokenSurrogates(raw.normalize('NFC'));
  if (text !== raw.normalize('NFC')) {
    changes.push('broken_surrogates');
  }
  // Control characters other than newline and tab; zero-width joiners stay (emoji sequences).
  const withoutControls = [...text].filter((char) => !isInvisibleControl(char)).join('');
  if (withoutControls !== text) {
    changes.push('control_chars');
    text = withoutControls;
  }
  text = text.replace(/\r\n?/g, '\n').trim();

  // The model sometimes continues the transcript: keep only our own first turn.
  const own = labelPattern([options.botName]);
  const others = labelPattern(options.otherSpeakers ?? []);
  const generic = /^\s*\[[^\]\n]{1,40}\]\s*[:：]\s*/u;
  const lines = text.split('\n');
  const kept: string[] = [];
  for (const [index, line] of lines.entries()) {
    if (index > 0 && ((others && others.test(line)) || generic.test(line))) {
      changes.push('transcript_continuation');
      break;
    }
    let cleaned = line;
    if (own && own.test(cleaned)) {
      cleaned = cleaned.replace(own, '');
      changes.push('speaker_label');
    } else if (index === 0 && generic.test(cleaned)) {
      cleaned = cleaned.replace(generic, '');
      changes.push('speaker_label');
    } else if (index === 0 && others && others.test(cleaned)) {
      cleaned = cleaned.replace(others, '');
      changes.push('speaker_label');
    }
    kept.push(cleaned);
  }
  text = kept.join('\n').trim();

  // Markdown we do not render (no parse_mode): headings, bold/italic markers, code ticks, bullets.
  const demarked = text
    .replace(/^\s{0,3}#{1,6}\s+/gmu, '')
    .replace(/\*\*([^*\n]+)\*\*/gu, '$1')
    .replace(/__([^_\n]+)__/gu, '$1')
    .replace(/`{1,3}([^`]*)`{1,3}/gu, '$1')
    .replace(/^\s*[-*•]\s+/gmu, '');
  if (demarked !== text) {
    changes.push('markdown');
    text = demarked;
  }

  // Quotes around the whole reply.
  const quoted = /^(["“”„«»'‘’])([\s\S]+)(["“”„«»'‘’])$/u.exec(text);
  if (quoted && !text.slice(1, -1).includes(quoted[1])) {
    text = quoted[2].trim();
    changes.push('wrapping_quotes');
  }

  // Hashtags: members do not tag their chat lines; a trailing block goes, inline tags lose "#".
  const hashtags = text.match(/#[\p{L}\p{N}_]+/gu) ?? [];
  if (hashtags.length > 0) {
    text = text
      .replace(/(\s*#[\p{L}\p{N}_]+)+\s*$/u, '')
      .replace(/#([\p{L}\p{N}_]+)/gu, '$1')
      .trim();
    changes.push('hashtags');
  }

  // AI disclosure sentences.
  const sentences = splitSentences(text);
  const honest = sentences.filter((s) => !AI_TRACE_PATTERNS.some((p) => matchesWords(p, s)));
  if (honest.length !== sentences.length) {
    changes.push('ai_trace');
    if (honest.length === 0) {
      return drop('ai_disclosure');
    }
    text = honest.join(' ');
  }

  // Content filter.
  for (const rule of CONTENT_RULES) {
    if (!matchesWords(rule.pattern, text)) {
      continue;
    }
    if (rule.soften === null) {
      changes.push(`filter:${rule.code}`);
      return drop('forbidden_advice', text);
    }
    rule.pattern.exact.lastIndex = 0;
    text = text.replace(rule.pattern.exact, rule.soften);
    changes.push(`soften:${rule.code}`);
  }

  if (englishShare(text) > 0.25) {
    return drop('not_turkish', text);
  }

  // Whitespace: single spaces, at most one blank line, no trailing spaces.
  const collapsed = text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00A0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (collapsed !== text) {
    text = collapsed;
  }

  const cap = Math.min(
    TELEGRAM_MAX_MESSAGE_LENGTH,
    options.lengthCaps?.[options.length] ?? DEFAULT_LENGTH_CAPS[options.length],
  );
  const capped = capLength(text, cap);
  if (capped !== text) {
    changes.push('length_cap');
    text = capped;
  }

  if (!/[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(text)) {
    return drop('empty');
  }
  return { text, dropped: false, dropReason: null, changes };
}
