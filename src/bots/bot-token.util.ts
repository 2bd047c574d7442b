import { createHash } from 'node:crypto';

/**
 * What a BotFather token looks like: the bot's numeric id, a colon, a 35-character secret. The
 * shape matches the redaction pattern in common/logging/redact.ts, so every token we accept is one
 * the log redaction recognises.
 */
const TOKEN_SHAPE = /^\d{5,12}:[A-Za-z0-9_-]{30,64}$/;

/** True for a string shaped like a real token; false for placeholders ("BOT_TOKEN_1", "<TOKEN>", "123:ABC"). */
export function isTokenShaped(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/** "1234…wxyz": enough for an operator to recognise a token, useless to anyone else. */
export function tokenHint(token: string): string {
  return `${token.slice(0, 4)}…${token.slice(-4)}`;
}

/** SHA-256 hex of the token: lets the database refuse two bots with one token without decrypting. */
export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Associated data binding a token ciphertext to its bot row. */
export function tokenAssociatedData(botId: number): string {
  return `bots:${botId}:token`;
}
