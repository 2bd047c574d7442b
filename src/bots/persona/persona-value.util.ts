import { foldTurkish } from '../../engine/symbols.util';

/**
 * Lenient readers for persona JSON (SPEC 7.2, 7.12). Every reader accepts ANY value — JSON from
 * the API, the original's files or an old database row — never throws, and records in `warnings`
 * what it changed so the API can show it. Only own properties are read, so keys like "toString"
 * or "__proto__" never reach Object.prototype.
 */

/** A normaliser's answer: the usable value and what was changed to get it. */
export interface Normalized<T> {
  value: T;
  warnings: string[];
}

export type Warn = (message: string) => void;

/** Longest text kept from any single persona string. */
export const MAX_TEXT = 500;
/** Items looked at in any list (the rest is ignored with a warning). */
export const MAX_SCAN_ITEMS = 200;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property of a plain object, else undefined. */
export function own(value: unknown, key: string): unknown {
  if (!isRecord(value) || !Object.prototype.hasOwnProperty.call(value, key)) {
    return undefined;
  }
  return value[key];
}

/** The first own property present among `keys` (aliases of one field), else undefined. */
export function ownAny(value: unknown, keys: readonly string[]): unknown {
  for (const key of keys) {
    const found = own(value, key);
    if (found !== undefined) {
      return found;
    }
  }
  return undefined;
}

/** A short description of a value for warnings (never the whole of a huge value). */
export function describeValue(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (typeof value === 'object') {
    return 'an object';
  }
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return typeof value;
}

/** Trimmed text capped at `max` characters; null for non-strings. Numbers become text. */
export function readText(value: unknown, field: string, warn: Warn, max = MAX_TEXT): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  if (typeof value !== 'string') {
    if (value !== undefined && value !== null) {
      warn(`${field}: ${describeValue(value)} is not text, ignored`);
    }
    return null;
  }
  const trimmed = value.trim();
  if (trimmed.length > max) {
    warn(`${field}: shortened to ${max} characters`);
    return trimmed.slice(0, max).trim();
  }
  return trimmed;
}

/**
 * A list of texts from a list or from one string split at `separators`; empty items, non-text
 * items and duplicates are dropped; at most `maxItems` of at most `maxLength` characters.
 */
export function readTextList(
  value: unknown,
  field: string,
  warn: Warn,
  options: { maxItems: number; maxLength: number; separators: RegExp },
): string[] {
  let items: unknown[];
  if (Array.isArray(value)) {
    if (value.length > MAX_SCAN_ITEMS) {
      warn(`${field}: only the first ${MAX_SCAN_ITEMS} items were read`);
    }
    items = value.slice(0, MAX_SCAN_ITEMS);
  } else if (typeof value === 'string') {
    items = value.slice(0, MAX_TEXT * options.maxItems).split(options.separators);
  } else {
    if (value !== undefined && value !== null) {
      warn(`${field}: ${describeValue(value)} is not a list, ignored`);
    }
    return [];
  }
  const out: string[] = [];
  for (const item of items) {
    const text = readText(item, `${field}[]`, warn, options.maxLength);
    if (text && !out.includes(text)) {
      out.push(text);
    }
  }
  if (out.length > options.maxItems) {
    warn(`${field}: kept the first ${options.maxItems} of ${out.length} items`);
    return out.slice(0, options.maxItems);
  }
  return out;
}

/** A finite number from a number or a numeric string ("1,5" and "80%" included); else null. */
export function readNumber(value: unknown): number | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : null;
  }
  if (typeof value !== 'string' || value.length > 40) {
    return null;
  }
  const match = /^\s*%?\s*([-+]?\d+(?:[.,]\d+)?)\s*%?\s*$/.exec(value);
  if (!match) {
    return null;
  }
  const n = Number(match[1].replace(',', '.'));
  const percent = value.includes('%');
  return Number.isFinite(n) ? (percent ? n / 100 : n) : null;
}

/** A number clamped into [min, max], `fallback` when missing or unreadable. */
export function readBoundedNumber(
  value: unknown,
  field: string,
  warn: Warn,
  bounds: { min: number; max: number; fallback: number },
): number {
  if (value === undefined || value === null) {
    return bounds.fallback;
  }
  const n = readNumber(value);
  if (n === null) {
    warn(`${field}: ${describeValue(value)} is not a number, using ${bounds.fallback}`);
    return bounds.fallback;
  }
  if (n < bounds.min || n > bounds.max) {
    const clamped = Math.min(bounds.max, Math.max(bounds.min, n));
    warn(`${field}: ${n} is outside ${bounds.min}–${bounds.max}, using ${clamped}`);
    return clamped;
  }
  return n;
}

/** Level words in Turkish and English, folded (no diacritics, lower case). */
const LEVEL_WORDS: ReadonlyArray<[RegExp, number]> = [
  [/^(cok|very|asiri|extremely) ?(yuksek|high|fazla)$/, 0.95],
  [/^(cok|very) ?(dusuk|low|az)$/, 0.05],
  [/^(yuksek|high|fazla|guclu|strong|kesin|emin|sure)$/, 0.8],
  [/^(orta|medium|mid|moderate|normal|dengeli|balanced|ortalama)$/, 0.5],
  [/^(dusuk|low|az|zayif|weak|belirsiz|unsure)$/, 0.2],
];

/** A level word ("yüksek", "orta", "low" …) as a number in [0, 1]; null when unknown. */
export function levelFromWord(value: string): number | null {
  const folded = foldTurkish(value.trim().slice(0, 40))
    .replace(/[\s_,;:.()-]+/g, ' ')
    .trim();
  // The whole text, else its first two words, else its first word: "yüksek - yeni başlayanları
  // dinler" and "düşük tempo" say a level with a comment after it.
  const words = folded.split(' ');
  for (const candidate of [folded, words.slice(0, 2).join(' '), words[0]]) {
    for (const [pattern, level] of LEVEL_WORDS) {
      if (pattern.test(candidate)) {
        return level;
      }
    }
  }
  return null;
}

/**
 * A 0–1 level from a number or a word. Numbers above 1 are read as scores out of 10 (≤ 10) or
 * percentages (≤ 100), as people write them; anything else falls back with a warning.
 */
export function readLevel(value: unknown, field: string, warn: Warn, fallback: number): number {
  if (value === undefined || value === null) {
    return fallback;
  }
  if (typeof value === 'string') {
    const fromWord = levelFromWord(value);
    if (fromWord !== null) {
      return fromWord;
    }
  }
  const n = readNumber(value);
  if (n === null) {
    warn(`${field}: ${describeValue(value)} is not a level, using ${fallback}`);
    return fallback;
  }
  if (n >= 0 && n <= 1) {
    return n;
  }
  if (n > 1 && n <= 10) {
    warn(`${field}: ${n} read as ${n} out of 10`);
    return n / 10;
  }
  if (n > 10 && n <= 100) {
    warn(`${field}: ${n} read as a percentage`);
    return n / 100;
  }
  const clamped = n < 0 ? 0 : 1;
  warn(`${field}: ${n} is outside 0–1, using ${clamped}`);
  return clamped;
}

/** A boolean from true/false, 1/0 and Turkish or English yes/no words; null when unclear. */
export function readBooleanish(value: unknown): boolean | null {
  if (typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'number') {
    return value === 1 ? true : value === 0 ? false : null;
  }
  if (typeof value !== 'string' || value.length > 20) {
    return null;
  }
  const folded = foldTurkish(value.trim());
  if (['true', 'yes', 'evet', 'var', 'on', '1', 'acik'].includes(folded)) {
    return true;
  }
  if (['false', 'no', 'hayir', 'yok', 'off', '0', 'kapali'].includes(folded)) {
    return false;
  }
  return null;
}
