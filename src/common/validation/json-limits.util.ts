import { isSafeText } from './safe-text';

export interface JsonLimits {
  /** Maximum size of the value serialised as JSON, in UTF-8 bytes. */
  maxBytes: number;
  /** Maximum nesting of objects and arrays (the root object is depth 1). */
  maxDepth: number;
  maxStringLength: number;
  maxKeyLength: number;
}

/** Limits for operator-supplied profile JSON (persona, emotion, speed). */
export const PROFILE_JSON_LIMITS: JsonLimits = {
  maxBytes: 16 * 1024,
  maxDepth: 6,
  maxStringLength: 2000,
  maxKeyLength: 100,
};

export interface JsonLimitViolation {
  /** Path inside the value, e.g. ".watchlist[3]" ("" for the value itself). */
  path: string;
  reason: string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function visit(
  value: unknown,
  path: string,
  depth: number,
  limits: JsonLimits,
): JsonLimitViolation | null {
  if (value === null || typeof value === 'boolean') {
    return null;
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? null : { path, reason: 'must be a finite number' };
  }
  if (typeof value === 'string') {
    if (value.length > limits.maxStringLength) {
      return { path, reason: `must be at most ${limits.maxStringLength} characters` };
    }
    return isSafeText(value) ? null : { path, reason: 'contains characters that are not allowed' };
  }
  if (depth >= limits.maxDepth && (Array.isArray(value) || isPlainObject(value))) {
    return { path, reason: `nests deeper than ${limits.maxDepth} levels` };
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = visit(value[i], `${path}[${i}]`, depth + 1, limits);
      if (found) {
        return found;
      }
    }
    return null;
  }
  if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key.length === 0 || key.length > limits.maxKeyLength || !isSafeText(key)) {
        return { path, reason: `has an invalid key (1–${limits.maxKeyLength} plain characters)` };
      }
      const found = visit(child, `${path}.${key}`, depth + 1, limits);
      if (found) {
        return found;
      }
    }
    return null;
  }
  return { path, reason: 'must contain only JSON values' };
}

/**
 * First reason a value is not a JSON object an operator may store as a profile, or null. Profiles
 * are stored as given (normalised when read), so these bounds are what keeps a stored profile from
 * ever blowing up a prompt, a log line or the database.
 */
export function findJsonLimitViolation(
  value: unknown,
  limits: JsonLimits = PROFILE_JSON_LIMITS,
): JsonLimitViolation | null {
  if (!isPlainObject(value)) {
    return { path: '', reason: 'must be a JSON object' };
  }
  const found = visit(value, '', 0, limits);
  if (found) {
    return found;
  }
  const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
  return bytes > limits.maxBytes
    ? { path: '', reason: `must be at most ${limits.maxBytes} bytes as JSON (got ${bytes})` }
    : null;
}
