/**
 * Small strict parsers for setting values. Each returns the normalised value or throws
 * SettingValueError with a reason an operator can act on. Legacy leniency (booleans as strings
 * in the original's files) belongs to the importer, not here.
 */
export class SettingValueError extends Error {}

export type Parser<T> = (value: unknown) => T;

export const bool: Parser<boolean> = (v) => {
  if (typeof v !== 'boolean') {
    throw new SettingValueError('must be true or false');
  }
  return v;
};

export function num(min: number, max: number, integer = false): Parser<number> {
  return (v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new SettingValueError('must be a number');
    }
    if (integer && !Number.isInteger(v)) {
      throw new SettingValueError('must be a whole number');
    }
    if (v < min || v > max) {
      throw new SettingValueError(`must be between ${min} and ${max}`);
    }
    return v;
  };
}

export const probability: Parser<number> = num(0, 1);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function exactKeys(v: Record<string, unknown>, keys: string[]): void {
  const extra = Object.keys(v).filter((k) => !keys.includes(k));
  const missing = keys.filter((k) => !(k in v));
  if (extra.length > 0 || missing.length > 0) {
    throw new SettingValueError(`must be an object with exactly the keys ${keys.join(', ')}`);
  }
}

export function minMax(
  min: number,
  max: number,
  integer = false,
): Parser<{ min: number; max: number }> {
  const part = num(min, max, integer);
  return (v) => {
    if (!isRecord(v)) {
      throw new SettingValueError('must be an object {min, max}');
    }
    exactKeys(v, ['min', 'max']);
    const out = { min: part(v.min), max: part(v.max) };
    if (out.min > out.max) {
      throw new SettingValueError('min must not exceed max');
    }
    return out;
  };
}

/**
 * Strict "HH:MM-HH:MM": start 00:00–23:59, end 00:00–23:59 or 24:00 (midnight at the end of the
 * day), the same values the engine's parseRange (time-window.util.ts) accepts, so a saved range is
 * never silently ignored by the engine as malformed.
 */
const HHMM_RANGE = /^([01]\d|2[0-3]):([0-5]\d)-(([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

/** A list of "HH:MM-HH:MM" ranges; a range may cross midnight ("22:00-02:00"). */
export const timeRanges: Parser<string[]> = (v) => {
  if (!Array.isArray(v) || v.length > 24) {
    throw new SettingValueError('must be a list of at most 24 "HH:MM-HH:MM" ranges');
  }
  return v.map((item) => {
    if (typeof item !== 'string' || !HHMM_RANGE.test(item.trim())) {
      throw new SettingValueError(`"${String(item)}" is not a "HH:MM-HH:MM" range`);
    }
    const trimmed = item.trim();
    if (trimmed.slice(0, 5) === trimmed.slice(6)) {
      throw new SettingValueError(`"${trimmed}" is empty (start equals end)`);
    }
    return trimmed;
  });
};

export const timezone: Parser<string> = (v) => {
  if (typeof v !== 'string' || v.length === 0 || v.length > 64) {
    throw new SettingValueError('must be an IANA timezone such as Europe/Istanbul');
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: v });
  } catch {
    throw new SettingValueError(`"${v}" is not a known IANA timezone`);
  }
  return v;
};

/** http(s) URLs only; private-address checks happen at fetch time (DNS can change). */
export function urlList(maxItems: number): Parser<string[]> {
  return (v) => {
    if (!Array.isArray(v) || v.length > maxItems) {
      throw new SettingValueError(`must be a list of at most ${maxItems} URLs`);
    }
    return v.map((item) => {
      let url: URL;
      try {
        url = new URL(String(item));
      } catch {
        throw new SettingValueError(`"${String(item)}" is not a valid URL`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new SettingValueError(`"${String(item)}" must use http or https`);
      }
      if (url.username || url.password) {
        throw new SettingValueError(`"${String(item)}" must not contain credentials`);
      }
      return url.toString();
    });
  };
}

export interface LengthProfile {
  short: number;
  medium: number;
  long: number;
}

/** {short, medium, long} weights ≥ 0, normalised so they sum to 1. */
export const lengthProfile: Parser<LengthProfile> = (v) => {
  if (!isRecord(v)) {
    throw new SettingValueError('must be an object {short, medium, long}');
  }
  exactKeys(v, ['short', 'medium', 'long']);
  const weight = num(0, 1000);
  const raw = { short: weight(v.short), medium: weight(v.medium), long: weight(v.long) };
  const sum = raw.short + raw.medium + raw.long;
  if (sum <= 0) {
    throw new SettingValueError('weights must not all be zero');
  }
  const round = (x: number): number => Math.round((x / sum) * 1e6) / 1e6;
  return { short: round(raw.short), medium: round(raw.medium), long: round(raw.long) };
};
