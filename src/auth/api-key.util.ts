import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys look like `pk_<prefix>_<secret>`: the prefix (8 base62 chars) is stored in clear to find
 * the key and to show it in lists; the whole key is stored only as SHA-256. A fast hash is right
 * here because the secret has 190 bits of entropy (no dictionary to attack), and it keeps
 * per-request verification cheap.
 */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const KEY_FORMAT = /^pk_([A-Za-z0-9]{8})_([A-Za-z0-9]{32})$/;

function randomBase62(length: number): string {
  // Rejection sampling keeps every character uniformly distributed.
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) {
        out += BASE62[byte % 62];
      }
    }
  }
  return out;
}

export interface GeneratedApiKey {
  raw: string;
  prefix: string;
  hash: string;
}

export function hashApiKey(raw: string): string {
  return createHash('sha256').update(raw, 'utf8').digest('hex');
}

export function generateApiKey(): GeneratedApiKey {
  const prefix = randomBase62(8);
  const raw = `pk_${prefix}_${randomBase62(32)}`;
  return { raw, prefix, hash: hashApiKey(raw) };
}

/** The prefix of a well-formed key, or null for anything else. */
export function apiKeyPrefix(raw: string): string | null {
  return KEY_FORMAT.exec(raw)?.[1] ?? null;
}

/** Constant-time comparison of a presented key with a stored hash. */
export function apiKeyMatches(raw: string, storedHash: string): boolean {
  const presented = Buffer.from(hashApiKey(raw), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
