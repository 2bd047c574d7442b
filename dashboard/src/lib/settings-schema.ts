import { invalidTimeRanges } from './time-ranges';

/**
 * Client-side mirror of the API's settings registry (src/settings/settings.registry.ts): the
 * form control and bounds of each key, so a bad value is caught before it is sent. The API stays
 * the authority — it validates again and its field error is shown when it disagrees.
 */
export type SettingKind =
  | { type: 'bool' }
  | { type: 'number'; min: number; max: number; integer: boolean; step?: number }
  | { type: 'minMax'; min: number; max: number; integer: boolean; step?: number }
  | { type: 'timeRanges' }
  | { type: 'timezone' }
  | { type: 'urlList'; maxItems: number }
  | { type: 'lengthProfile' };

const bool = { type: 'bool' } as const;
const probability: SettingKind = { type: 'number', min: 0, max: 1, integer: false, step: 0.05 };
const int = (min: number, max: number): SettingKind => ({
  type: 'number',
  min,
  max,
  integer: true,
});

export const SETTINGS_SCHEMA: Record<string, SettingKind> = {
  simulation_active: bool,
  scale_factor: { type: 'number', min: 0.1, max: 10, integer: false, step: 0.1 },
  max_msgs_per_min: int(1, 60000),
  bot_hourly_msg_limit: { type: 'minMax', min: 0, max: 1000, integer: true },
  typing_enabled: bool,
  typing_speed_wpm: { type: 'minMax', min: 0.5, max: 30, integer: false, step: 0.5 },
  prime_hours_boost: bool,
  prime_hours: { type: 'timeRanges' },
  timezone: { type: 'timezone' },
  reply_probability: probability,
  reply_to_bots_probability: probability,
  mention_probability: probability,
  short_reaction_probability: probability,
  new_message_probability: probability,
  message_length_profile: { type: 'lengthProfile' },
  persona_refresh_interval: int(1, 1000),
  persona_refresh_minutes: int(1, 1440),
  dedup_enabled: bool,
  dedup_window_hours: int(1, 168),
  dedup_max_attempts: int(0, 5),
  consistency_guard_enabled: bool,
  cooldown_filter_enabled: bool,
  news_trigger_enabled: bool,
  news_trigger_probability: probability,
  news_feed_urls: { type: 'urlList', maxItems: 20 },
  humanization_enabled: bool,
  natural_imperfections_probability: probability,
  human_reply_enabled: bool,
  auto_register_chats: bool,
  message_retention_days: int(0, 3650),
  llm_daily_budget_usd: { type: 'number', min: 0, max: 100000, integer: false, step: 1 },
};

/** Infers a control for a key the client does not know yet (a newer API). */
export function kindOf(key: string, value: unknown): SettingKind | null {
  const known = SETTINGS_SCHEMA[key];
  if (known) {
    return known;
  }
  if (typeof value === 'boolean') {
    return bool;
  }
  if (typeof value === 'number') {
    return { type: 'number', min: -Infinity, max: Infinity, integer: false };
  }
  return null;
}

/** A reason code (an i18n key under `settings.errors`) with its parameters. */
export interface SettingProblem {
  code:
    | 'bool'
    | 'number'
    | 'integer'
    | 'range'
    | 'minMax'
    | 'timeRanges'
    | 'timezone'
    | 'urls'
    | 'tooMany'
    | 'lengthProfile';
  params?: Record<string, string | number>;
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function checkNumber(
  value: unknown,
  kind: { min: number; max: number; integer: boolean },
): SettingProblem | null {
  if (!isNumber(value)) {
    return { code: 'number' };
  }
  if (kind.integer && !Number.isInteger(value)) {
    return { code: 'integer' };
  }
  if (value < kind.min || value > kind.max) {
    return { code: 'range', params: { min: kind.min, max: kind.max } };
  }
  return null;
}

function isValidTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password
    );
  } catch {
    return false;
  }
}

/** Null when the value is acceptable for the kind, else the first problem. */
export function validateSetting(kind: SettingKind, value: unknown): SettingProblem | null {
  switch (kind.type) {
    case 'bool':
      return typeof value === 'boolean' ? null : { code: 'bool' };
    case 'number':
      return checkNumber(value, kind);
    case 'minMax': {
      const range = value as { min?: unknown; max?: unknown } | null;
      const problem = checkNumber(range?.min, kind) ?? checkNumber(range?.max, kind);
      if (problem) {
        return problem;
      }
      return (range?.min as number) > (range?.max as number) ? { code: 'minMax' } : null;
    }
    case 'timeRanges':
      return Array.isArray(value) &&
        value.length <= 24 &&
        invalidTimeRanges(value.map(String)).length === 0
        ? null
        : { code: 'timeRanges' };
    case 'timezone':
      return typeof value === 'string' && isValidTimezone(value) ? null : { code: 'timezone' };
    case 'urlList':
      if (!Array.isArray(value)) {
        return { code: 'urls' };
      }
      if (value.length > kind.maxItems) {
        return { code: 'tooMany', params: { max: kind.maxItems } };
      }
      return value.every((v) => typeof v === 'string' && isHttpUrl(v)) ? null : { code: 'urls' };
    case 'lengthProfile': {
      const profile = value as Record<string, unknown> | null;
      const weights = ['short', 'medium', 'long'].map((k) => profile?.[k]);
      const valid =
        weights.every((w) => isNumber(w) && w >= 0) && weights.some((w) => (w as number) > 0);
      return valid ? null : { code: 'lengthProfile' };
    }
  }
}

/** Weights scaled to sum 1 (what the API stores), rounded for display. */
export function normaliseLengthProfile(profile: { short: number; medium: number; long: number }): {
  short: number;
  medium: number;
  long: number;
} {
  const sum = profile.short + profile.medium + profile.long;
  if (sum <= 0) {
    return profile;
  }
  const round = (n: number) => Math.round((n / sum) * 1000) / 1000;
  return { short: round(profile.short), medium: round(profile.medium), long: round(profile.long) };
}
