import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Telegram allows 1–256 characters of A-Z, a-z, 0-9, _ and - in a webhook secret. */
export function newWebhookSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashWebhookSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * Compares a presented secret with the stored hash in constant time: both sides are fixed-length
 * digests, so neither the length nor the content of the secret leaks through timing.
 */
export function webhookSecretMatches(presented: string | undefined, storedHash: string): boolean {
  if (presented === undefined || presented === '') {
    return false;
  }
  const a = Buffer.from(hashWebhookSecret(presented), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
