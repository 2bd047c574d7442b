/**
 * Secret shapes that must never reach a log line, wherever they appear (URLs, error messages):
 * - Telegram bot tokens `123456789:AA…`, also glued to the `/bot` prefix of Bot API request paths
 *   (`/bot123456789:AA…/sendMessage`, where a word boundary would not match);
 * - our API keys `pk_<prefix>_<secret>` and OpenAI-style keys `sk-…`;
 * - bearer credentials, passwords in URLs (`postgres://user:secret@host`) and secret-named
 *   query parameters (`?api_key=…`, `&token=…`).
 */
const SECRET_PATTERNS: readonly [RegExp, string][] = [
  [/(?<!\d)\d{5,12}:[A-Za-z0-9_-]{30,}/g, '[REDACTED]'],
  [/\bpk_[A-Za-z0-9]{6,}_[A-Za-z0-9_-]{16,}/g, '[REDACTED]'],
  [/\bsk-[A-Za-z0-9_-]{16,}/g, '[REDACTED]'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [REDACTED]'],
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]+@/gi, '$1[REDACTED]@'],
  [
    /([?&](?:api[_-]?key|access[_-]?token|token|secret|password|key|signature)=)[^&\s#]+/gi,
    '$1[REDACTED]',
  ],
];

export const REDACTED = '[REDACTED]';

/** Replaces every secret-looking substring of a string. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) {
    out = out.replace(pattern, replacement);
  }
  return out;
}

/**
 * Field names whose values are secret whatever they look like, compared without case, `_` and
 * `-` (so `bot_token`, `botToken` and `BOT-TOKEN` are one name). Counters such as
 * `prompt_tokens` and flags such as `has_token` are not secrets and are kept.
 */
const SECRET_KEYS = new Set([
  'password',
  'newpassword',
  'currentpassword',
  'passwordhash',
  'token',
  'bottoken',
  'tokenencrypted',
  'accesstoken',
  'refreshtoken',
  'sessiontoken',
  'secrettoken',
  'apikey',
  'xapikey',
  'llmapikey',
  'keyhash',
  'authorization',
  'cookie',
  'setcookie',
  'secret',
  'clientsecret',
  'mfasecret',
  'totp',
  'totpsecret',
  'session',
  'privatekey',
  'encryptionkeys',
  'xtelegrambotapisecrettoken',
]);

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase().replace(/[-_]/g, ''));
}

const MAX_DEPTH = 8;

/**
 * Deep copy with secret fields masked and secret-looking strings redacted (for log objects).
 * Errors keep their name, message, stack, cause and own fields (a Telegram error's `on.payload`,
 * an HTTP client's `config.url`), each redacted.
 */
export function redactDeep(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') {
    return redactSecrets(value);
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  if (depth > MAX_DEPTH || seen.has(value)) {
    return '[…]';
  }
  seen.add(value);
  if (value instanceof Error) {
    const copy = new Error(redactSecrets(value.message));
    copy.name = value.name;
    copy.stack = value.stack ? redactSecrets(value.stack) : undefined;
    if (value.cause !== undefined) {
      copy.cause = redactDeep(value.cause, depth + 1, seen);
    }
    for (const [key, v] of Object.entries(value)) {
      (copy as unknown as Record<string, unknown>)[key] = isSecretKey(key)
        ? REDACTED
        : redactDeep(v, depth + 1, seen);
    }
    return copy;
  }
  if (Array.isArray(value)) {
    return value.map((v) => redactDeep(v, depth + 1, seen));
  }
  if (value instanceof Date || Buffer.isBuffer(value)) {
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] =
      isSecretKey(key) && v !== null && typeof v !== 'boolean' && typeof v !== 'number'
        ? REDACTED
        : redactDeep(v, depth + 1, seen);
  }
  return out;
}
