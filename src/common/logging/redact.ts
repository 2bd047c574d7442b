/**
 * Secret shapes that must never reach a log line, wherever they appear (URLs, error messages):
 * Telegram bot tokens (`123456789:AA…`, also inside `/bot<token>/` request paths) and our API keys.
 */
const SECRET_PATTERNS: readonly RegExp[] = [
  // No \b before the id: in "/bot123…:…" the id follows a letter, where \b does not match.
  /(?<!\d)\d{5,12}:[A-Za-z0-9_-]{30,}/g,
  /\bpk_[A-Za-z0-9]{6,}_[A-Za-z0-9_-]{16,}\b/g,
];

export const REDACTED = '[REDACTED]';

/** Replaces every secret-looking substring of a string. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, REDACTED);
  }
  return out;
}

/** Field names whose values are secret whatever they look like. */
const SECRET_KEYS =
  /^(password|new_password|current_password|token|bot_token|api_key|x-api-key|authorization|cookie|set-cookie|secret|mfa_secret|totp|session|llm_api_key)$/i;

/** Deep copy with secret fields masked and secret-looking strings redacted (for log objects). */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    return redactSecrets(value);
  }
  if (value === null || typeof value !== 'object' || depth > 6) {
    return value;
  }
  if (value instanceof Error) {
    const copy = new Error(redactSecrets(value.message));
    copy.name = value.name;
    copy.stack = value.stack ? redactSecrets(value.stack) : undefined;
    return copy;
  }
  if (Array.isArray(value)) {
    return value.map((v) => redactDeep(v, depth + 1));
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SECRET_KEYS.test(key) ? REDACTED : redactDeep(v, depth + 1);
  }
  return out;
}
