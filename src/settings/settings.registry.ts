import {
  bool,
  lengthProfile,
  minMax,
  num,
  Parser,
  probability,
  SettingValueError,
  timeRanges,
  timezone,
  urlList,
} from './setting-parsers';

interface SettingDefinition<T> {
  parse: Parser<T>;
  default: T;
  description: string;
  /** True when workers apply a change without restart (all current keys are live). */
  live: boolean;
}

function define<T>(parse: Parser<T>, defaultValue: T, description: string): SettingDefinition<T> {
  return { parse, default: defaultValue, description, live: true };
}

/**
 * Every setting: type, default, bounds and meaning (SPEC section 6). GET /settings lists all of
 * them; unknown keys are rejected; workers read the typed values through resolveSettings.
 */
export const SETTINGS_REGISTRY = {
  simulation_active: define(bool, false, 'Master switch: bots talk only while this is on.'),
  scale_factor: define(
    num(0.1, 10),
    1.0,
    'Speed multiplier: every delay between turns is divided by it (2 = twice as lively).',
  ),
  // SPEC 6 sets no bound. Telegram limits each chat (~1/s) and token (30/s), not the fleet, so a
  // fleet of many chats can legitimately go far past 20/s; the bound only stops typos.
  max_msgs_per_min: define(
    num(1, 60_000, true),
    6,
    'Global cap of bot messages per minute across all chats.',
  ),
  bot_hourly_msg_limit: define(
    minMax(0, 1000, true),
    { min: 6, max: 12 },
    'Messages per bot per rolling hour: never more than max; the scheduler aims between min and max.',
  ),
  typing_enabled: define(bool, true, 'Show "typing…" in the group before each message.'),
  typing_speed_wpm: define(
    minMax(0.5, 30),
    { min: 2.5, max: 4.5 },
    'Typing speed range in characters per second (the name is kept for compatibility with the ' +
      'original; its values always behaved as characters per second). 3 cps is an average phone typist.',
  ),
  prime_hours_boost: define(
    bool,
    true,
    'Talk more during prime hours (shorter gaps between turns).',
  ),
  prime_hours: define(
    timeRanges,
    ['09:30-12:00', '14:00-18:00'],
    'Prime hours as "HH:MM-HH:MM" ranges in the configured timezone.',
  ),
  timezone: define(
    timezone,
    'Europe/Istanbul',
    'IANA timezone for active hours, prime hours and time-of-day context.',
  ),
  reply_probability: define(
    probability,
    0.65,
    'Chance that a turn replies to an earlier message rather than opening a new thread.',
  ),
  reply_to_bots_probability: define(
    probability,
    0.5,
    'When the newest message is from a bot: chance that a reply targets a bot at all.',
  ),
  mention_probability: define(probability, 0.35, 'Chance that a reply @mentions its target.'),
  short_reaction_probability: define(
    probability,
    0.12,
    'Chance that a turn is only an emoji reaction to a recent message.',
  ),
  new_message_probability: define(
    probability,
    0.35,
    'Chance that a chat with no recent activity (quiet for 10 minutes) gets a new thread at its ' +
      'due turn; otherwise the turn is skipped and the chat stays quiet a while longer.',
  ),
  message_length_profile: define(
    lengthProfile,
    { short: 0.55, medium: 0.35, long: 0.1 },
    'Share of short, medium and long messages (normalised to sum 1).',
  ),
  persona_refresh_interval: define(
    num(1, 1000, true),
    8,
    'A persona reminder is added to the prompt every this many messages of a bot…',
  ),
  persona_refresh_minutes: define(num(1, 1440, true), 30, '…or after this many minutes.'),
  dedup_enabled: define(bool, true, 'Prevent near-duplicate messages.'),
  dedup_window_hours: define(
    num(1, 168, true),
    12,
    'How far back near-duplicates are looked for, in hours.',
  ),
  dedup_max_attempts: define(
    num(0, 5, true),
    2,
    'How many paraphrase attempts before a duplicate message is skipped.',
  ),
  consistency_guard_enabled: define(
    bool,
    true,
    "Check drafts against the bot's stances and rewrite only on contradiction.",
  ),
  cooldown_filter_enabled: define(
    bool,
    true,
    'Skip topics whose stance is in cooldown (avoids flip-flopping).',
  ),
  news_trigger_enabled: define(bool, true, 'Let news headlines start or colour conversations.'),
  news_trigger_probability: define(
    probability,
    0.5,
    'Chance that a turn uses a matching news brief.',
  ),
  news_feed_urls: define(
    urlList(20),
    [
      'https://www.aa.com.tr/tr/rss/default?cat=ekonomi',
      'https://www.bloomberght.com/rss',
      'https://tr.investing.com/rss/news.rss',
    ],
    'RSS/Atom feeds for news briefs (http or https; private addresses are refused at fetch time).',
  ),
  humanization_enabled: define(
    bool,
    true,
    'Human touches: openers, hedges, colloquial shortcuts, occasional typos.',
  ),
  natural_imperfections_probability: define(
    probability,
    0.3,
    'Chance that a message gets a human imperfection when humanization is on.',
  ),
  human_reply_enabled: define(bool, true, 'Bots answer real members of the group.'),
  auto_register_chats: define(
    bool,
    false,
    'Register unknown groups a bot is added to (created disabled until an operator enables them).',
  ),
  message_retention_days: define(
    num(0, 3650, true),
    0,
    'Delete messages older than this many days (0 keeps them forever).',
  ),
  llm_daily_budget_usd: define(
    num(0, 100000),
    0,
    'Estimated LLM spend per UTC day after which generation pauses (0 = no budget).',
  ),
};

export type SettingKey = keyof typeof SETTINGS_REGISTRY;

/** The typed value of every setting. */
export type SettingsValues = {
  [K in SettingKey]: (typeof SETTINGS_REGISTRY)[K]['default'];
};

export const SETTING_KEYS = Object.keys(SETTINGS_REGISTRY).sort() as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
  return Object.prototype.hasOwnProperty.call(SETTINGS_REGISTRY, key);
}

export function defaultSettings(): SettingsValues {
  return structuredClone(
    Object.fromEntries(SETTING_KEYS.map((k) => [k, SETTINGS_REGISTRY[k].default])),
  ) as SettingsValues;
}

/** Parses one value for a key; throws SettingValueError with the reason when it is invalid. */
export function parseSetting<K extends SettingKey>(key: K, value: unknown): SettingsValues[K] {
  return (SETTINGS_REGISTRY[key].parse as Parser<SettingsValues[K]>)(value);
}

/**
 * Defaults overlaid with stored rows. A stored value that no longer parses (a bound tightened by
 * an upgrade) falls back to the default and is reported, so a bad row can never crash a turn.
 */
export function resolveSettings(rows: { key: string; value: unknown }[]): {
  values: SettingsValues;
  invalid: { key: string; reason: string }[];
} {
  const values = defaultSettings() as Record<SettingKey, unknown>;
  const invalid: { key: string; reason: string }[] = [];
  for (const row of rows) {
    if (!isSettingKey(row.key)) {
      continue;
    }
    try {
      values[row.key] = parseSetting(row.key, row.value);
    } catch (error) {
      if (!(error instanceof SettingValueError)) {
        throw error;
      }
      invalid.push({ key: row.key, reason: error.message });
    }
  }
  return { values: values as SettingsValues, invalid };
}
