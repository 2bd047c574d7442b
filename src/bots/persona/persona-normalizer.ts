import { PersonaProfile, RiskProfile } from '../../engine/engine-types';
import { canonicalSymbol, foldTurkish, symbolsIn } from '../../engine/symbols.util';
import {
  describeValue,
  isRecord,
  MAX_SCAN_ITEMS,
  Normalized,
  own,
  ownAny,
  readBooleanish,
  readNumber,
  readText,
  readTextList,
  Warn,
} from './persona-value.util';

export const MAX_WATCHLIST = 20;
const MAX_NEVER_DO = 20;
const DEFAULT_TONE = 'samimi';

type StyleLength = PersonaProfile['style']['length'];

const RISK_WORDS: ReadonlyArray<[RegExp, RiskProfile]> = [
  [/^(dusuk|low|az|temkinli|muhafazakar|conservative|defansif|defensive|guvenli|safe)$/, 'düşük'],
  [/^(orta|medium|mid|moderate|dengeli|balanced|normal)$/, 'orta'],
  [/^(yuksek|high|agresif|aggressive|riskli|risky|spekulatif|speculative|cesur)$/, 'yüksek'],
];

/**
 * A risk level from a Turkish or English word ("agresif", "low", "temkinli yatırımcı") or a score
 * (0–1, or out of 10); null when the value says nothing usable.
 */
export function riskFromValue(value: unknown): RiskProfile | null {
  if (typeof value === 'string') {
    const folded = foldTurkish(value.trim().slice(0, 40))
      .replace(/[\s_,;:.()-]+/g, ' ')
      .trim();
    // "çok düşük risk, öğreniyor": an intensifier does not change the level's word.
    const words = folded.split(' ').filter((w) => !/^(cok|very|biraz|slightly)$/.test(w));
    for (const [pattern, risk] of RISK_WORDS) {
      if (pattern.test(folded) || pattern.test(words[0] ?? '')) {
        return risk;
      }
    }
  }
  const n = readNumber(value);
  if (n === null || n < 0 || n > 10) {
    return null;
  }
  const level = n > 1 ? n / 10 : n;
  return level < 0.34 ? 'düşük' : level < 0.67 ? 'orta' : 'yüksek';
}

function readRisk(value: unknown, warn: Warn): RiskProfile {
  if (value === undefined || value === null) {
    return 'orta';
  }
  const risk = riskFromValue(value);
  if (risk === null) {
    warn(`persona_profile.risk_profile: ${describeValue(value)} is not a risk level, using "orta"`);
    return 'orta';
  }
  return risk;
}

/**
 * Symbols from one watchlist entry: "gram altın" is one symbol, "THYAO ASELS" two, "AAPL MSFT"
 * (unknown to us) two as well.
 */
function entrySymbols(entry: string): (string | null)[] {
  const known = symbolsIn(entry);
  if (known.length > 0 && /\s/.test(entry.trim())) {
    return known;
  }
  return entry
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .map((w) => canonicalSymbol(w));
}

function readWatchlist(value: unknown, warn: Warn): string[] {
  const raw = readTextList(value, 'persona_profile.watchlist', warn, {
    maxItems: MAX_SCAN_ITEMS,
    maxLength: 40,
    separators: /[,;\n|]+/,
  });
  const out: string[] = [];
  for (const item of raw) {
    for (const symbol of entrySymbols(item)) {
      if (symbol === null) {
        warn(`persona_profile.watchlist: ${describeValue(item)} is not a symbol, dropped`);
        continue;
      }
      if (!out.includes(symbol)) {
        out.push(symbol);
      }
    }
  }
  if (out.length > MAX_WATCHLIST) {
    warn(`persona_profile.watchlist: kept the first ${MAX_WATCHLIST} of ${out.length} symbols`);
    return out.slice(0, MAX_WATCHLIST);
  }
  return out;
}

/** A message length named in a text ("kısa-orta", "uzun yazar", "short"), else null. */
export function lengthFromText(text: string): StyleLength | null {
  const folded = foldTurkish(text);
  if (/\b(kisa|short|kisacik|brief|tek cumle|one line)\b/.test(folded)) {
    return 'kısa';
  }
  if (/\b(uzun|long|detayli|detailed|ayrintili)\b/.test(folded)) {
    return 'uzun';
  }
  if (/\b(orta|medium)\b/.test(folded)) {
    return 'orta';
  }
  return null;
}

function readLength(value: unknown, warn: Warn): StyleLength {
  if (value === undefined || value === null) {
    return 'orta';
  }
  if (typeof value === 'string') {
    const fromText = lengthFromText(value.slice(0, 100));
    if (fromText) {
      return fromText;
    }
  }
  const n = readNumber(value);
  if (n !== null && n > 0) {
    // A character count.
    return n <= 120 ? 'kısa' : n <= 350 ? 'orta' : 'uzun';
  }
  warn(`persona_profile.style.length: ${describeValue(value)} is not a length, using "orta"`);
  return 'orta';
}

function readFlag(value: unknown, field: string, fallback: boolean, warn: Warn): boolean {
  if (value === undefined || value === null) {
    return fallback;
  }
  const flag = readBooleanish(value);
  if (flag !== null) {
    return flag;
  }
  const n = readNumber(value);
  if (n !== null) {
    // "emojis: 2" reads as "uses emojis".
    return n > 0;
  }
  warn(`${field}: ${describeValue(value)} is not yes/no, using ${fallback}`);
  return fallback;
}

/** Yes/no, or the disclaimer's own text (the original wrote it out): a text means "yes". */
function readDisclaimer(value: unknown, warn: Warn): boolean {
  if (typeof value === 'string' && readBooleanish(value) === null && value.trim().length > 0) {
    return true;
  }
  return readFlag(value, 'persona_profile.style.disclaimer', false, warn);
}

function readStyle(value: unknown, warn: Warn): PersonaProfile['style'] {
  const style: PersonaProfile['style'] = {
    emojis: true,
    length: 'orta',
    disclaimer: false,
    description: '',
  };
  if (value === undefined || value === null) {
    return style;
  }
  if (typeof value === 'string') {
    // The original's plain-text style: keep it as a description, read what it clearly says.
    const description = readText(value, 'persona_profile.style', warn) ?? '';
    const folded = foldTurkish(description);
    return {
      description,
      length: lengthFromText(description) ?? 'orta',
      emojis: !/(emojisiz|emoji (yok|kullanmaz|kullanma)|no emoji|without emoji)/.test(folded),
      disclaimer: /(yatirim tavsiyesi degil|ytd|disclaimer)/.test(folded),
    };
  }
  if (!isRecord(value)) {
    warn(
      `persona_profile.style: ${describeValue(value)} is neither text nor an object, using defaults`,
    );
    return style;
  }
  return {
    emojis: readFlag(
      ownAny(value, ['emojis', 'emoji']),
      'persona_profile.style.emojis',
      true,
      warn,
    ),
    length: readLength(own(value, 'length'), warn),
    disclaimer: readDisclaimer(own(value, 'disclaimer'), warn),
    description:
      readText(
        ownAny(value, ['description', 'text', 'notes']),
        'persona_profile.style.description',
        warn,
      ) ?? '',
  };
}

/**
 * A persona_profile in any of its variants (SPEC 7.2, 7.12) as a complete PersonaProfile.
 * Accepts any JSON; never throws.
 */
export function normalizePersonaProfile(raw: unknown): Normalized<PersonaProfile> {
  const warnings: string[] = [];
  const warn: Warn = (m) => warnings.push(m);
  if (raw !== undefined && raw !== null && !isRecord(raw)) {
    warn(`persona_profile: ${describeValue(raw)} is not an object, using defaults`);
  }
  const tone = readText(own(raw, 'tone'), 'persona_profile.tone', warn, 200);
  const value: PersonaProfile = {
    tone: tone && tone.length > 0 ? tone : DEFAULT_TONE,
    risk_profile: readRisk(ownAny(raw, ['risk_profile', 'risk']), warn),
    watchlist: readWatchlist(own(raw, 'watchlist'), warn),
    never_do: readTextList(own(raw, 'never_do'), 'persona_profile.never_do', warn, {
      maxItems: MAX_NEVER_DO,
      maxLength: 200,
      separators: /[;\n]+/,
    }),
    style: readStyle(own(raw, 'style'), warn),
  };
  return { value, warnings };
}
