import { createHash, randomBytes } from 'node:crypto';

/** 256-bit random session secret, base64url (what the cookie carries). */
export function generateSessionSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * SHA-256 of the secret, the only form stored. A fast hash is right: the secret is random with
 * 256 bits of entropy, so there is nothing to brute-force, and every request checks it.
 */
export function hashSessionSecret(raw: string): string {
  return createHash('sha256').update(raw, 'utf8').digest('hex');
}

/** Cookie values we could have issued: anything else is rejected before touching the database. */
export function isWellFormedSessionSecret(raw: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(raw);
}
