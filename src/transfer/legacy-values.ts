/**
 * Tolerant readers for the value variants found in the original's files (SPEC 7.12). Each returns
 * the modern value, or undefined when the input is not a variant it knows (the caller reports it).
 */

/** true/false, and the strings "true"/"false" (any case, surrounding spaces). */
export function legacyBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (v === 'true') {
      return true;
    }
    if (v === 'false') {
      return false;
    }
  }
  return undefined;
}

/** A finite number, or a string holding one ("28.5", "28,5"). */
export function legacyNumber(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : undefined;
  }
  if (typeof value === 'string' && /^\s*-?\d+([.,]\d+)?\s*$/.test(value)) {
    return Number(value.trim().replace(',', '.'));
  }
  return undefined;
}

const CONFIDENCE_WORDS: Record<string, number> = {
  'çok yüksek': 0.9,
  yüksek: 0.8,
  orta: 0.5,
  düşük: 0.2,
  'çok düşük': 0.1,
  high: 0.8,
  medium: 0.5,
  low: 0.2,
};

/** Stance confidence: a number 0–1, a numeric string, or a word (yüksek ≈ 0.8, orta ≈ 0.5, düşük ≈ 0.2). */
export function legacyConfidence(value: unknown): number | undefined {
  const n = legacyNumber(value);
  if (n !== undefined) {
    return n >= 0 && n <= 1 ? n : undefined;
  }
  if (typeof value === 'string') {
    const word = value.trim().toLocaleLowerCase('tr').replace(/\s+/g, ' ');
    return CONFIDENCE_WORDS[word];
  }
  return undefined;
}

function pick(record: Record<string, unknown>, names: string[]): unknown {
  for (const name of names) {
    if (name in record) {
      return record[name];
    }
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * message_length_profile as the original wrote it, `{distribution: {kısa, orta, uzun}, lengths:
 * {...}}`, becomes `{short, medium, long}` (the lengths part has no modern counterpart and is
 * dropped). A modern value passes through unchanged.
 */
export function legacyLengthProfile(value: unknown): unknown {
  if (!isRecord(value) || !isRecord(value.distribution)) {
    return value;
  }
  const d = value.distribution;
  return {
    short: legacyNumber(pick(d, ['kısa', 'kisa', 'short'])) ?? pick(d, ['kısa', 'kisa', 'short']),
    medium: legacyNumber(pick(d, ['orta', 'medium'])) ?? pick(d, ['orta', 'medium']),
    long: legacyNumber(pick(d, ['uzun', 'long'])) ?? pick(d, ['uzun', 'long']),
  };
}

/**
 * A setting value from an old file, before the registry parses it: `{value: X}` wrappers (the
 * original's storage shape) are unwrapped, "true"/"false" become booleans, numeric strings become
 * numbers where the default is a number, and the legacy length profile is converted.
 */
export function legacySettingValue(key: string, value: unknown, defaultValue: unknown): unknown {
  let v = value;
  if (isRecord(v) && Object.keys(v).length === 1 && 'value' in v) {
    v = v.value;
  }
  if (typeof defaultValue === 'boolean') {
    return legacyBoolean(v) ?? v;
  }
  if (typeof defaultValue === 'number') {
    return legacyNumber(v) ?? v;
  }
  if (key === 'message_length_profile') {
    return legacyLengthProfile(v);
  }
  return v;
}
