/** Field bounds shared by the bot DTOs, the importer and the wizard. */
export const BOT_NAME_MAX = 100;
export const PERSONA_HINT_MAX = 2000;
export const LLM_MODEL_MAX = 100;
/** Telegram usernames are 5–32 characters; older files hold shorter handles, so 3–64 is accepted. */
export const USERNAME_PATTERN = /^[A-Za-z0-9_]{3,64}$/;
export const LLM_MODEL_PATTERN = /^[A-Za-z0-9._:/@+-]{1,100}$/;

/** Strips a leading "@" from a username (stored without it). */
export function stripAt(value: unknown): unknown {
  return typeof value === 'string' ? value.trim().replace(/^@/, '') : value;
}

export function trimString(value: unknown): unknown {
  return typeof value === 'string' ? value.trim() : value;
}
