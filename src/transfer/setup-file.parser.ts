import { BotFieldsInput, HoldingInput, MemoryInput, StanceInput } from '../bots/bot-inputs';
import { isTokenShaped } from '../bots/bot-token.util';
import { preparePersonaFields } from '../bots/persona/persona-fields.util';
import {
  BOT_NAME_MAX,
  LLM_MODEL_PATTERN,
  PERSONA_HINT_MAX,
  USERNAME_PATTERN,
} from '../bots/dto/bot-fields';
import { HOLDING_NOTE_MAX, SYMBOL_PATTERN } from '../bots/dto/holding.dto';
import { MEMORY_CONTENT_MAX } from '../bots/dto/memory.dto';
import { STANCE_TEXT_MAX, STANCE_TOPIC_MAX } from '../bots/dto/stance.dto';
import { MemoryType } from '../bots/entities/bot-memory.entity';
import { CHAT_TITLE_MAX, TOPIC_MAX_LENGTH, TOPICS_MAX } from '../chats/dto/chat.dto';
import { FieldError } from '../common/errors/domain.exception';
import { findJsonLimitViolation } from '../common/validation/json-limits.util';
import { roundReal } from '../common/validation/query-transforms';
import { isSafeText } from '../common/validation/safe-text';
import { timeRanges, timezone } from '../settings/setting-parsers';
import {
  isSettingKey,
  parseSetting,
  SETTINGS_REGISTRY,
  SettingKey,
} from '../settings/settings.registry';
import { legacyBoolean, legacyConfidence, legacyNumber, legacySettingValue } from './legacy-values';

export const IMPORT_MAX_BOTS = 1000;
export const IMPORT_MAX_CHATS = 200;
export const IMPORT_MAX_CHILDREN = 100;

export type TokenPlan =
  { kind: 'absent' } | { kind: 'placeholder' } | { kind: 'real'; value: string };

export interface PlannedBot {
  path: string;
  name: string;
  token: TokenPlan;
  fields: BotFieldsInput;
  stances?: StanceInput[];
  holdings?: HoldingInput[];
  memories?: MemoryInput[];
}

export interface PlannedChat {
  path: string;
  chat_id: number;
  title?: string | null;
  is_enabled?: boolean;
  topics?: string[];
  timezone?: string | null;
  /** Names of member bots (our export writes them; the original had no membership). */
  bots?: string[];
}

export interface SetupPlan {
  settings: { key: SettingKey; value: unknown }[];
  unknown_settings: string[];
  chats: PlannedChat[];
  bots: PlannedBot[];
  notices: string[];
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects every problem with its path instead of stopping at the first. */
class Reader {
  readonly errors: FieldError[] = [];

  fail(field: string, reason: string): undefined {
    this.errors.push({ field, reason });
    return undefined;
  }

  text(
    value: unknown,
    path: string,
    max: number,
    options: { min?: number; pattern?: RegExp } = {},
  ): string | undefined {
    if (typeof value !== 'string') {
      return this.fail(path, 'must be a string');
    }
    const v = value.trim();
    if (v.length < (options.min ?? 0) || v.length > max) {
      return this.fail(path, `must be ${options.min ?? 0}–${max} characters`);
    }
    if (!isSafeText(v)) {
      return this.fail(path, 'contains characters that are not allowed');
    }
    if (options.pattern && !options.pattern.test(v)) {
      return this.fail(path, 'has an invalid format');
    }
    return v;
  }

  /** null, "" → null (clear); otherwise a bounded string. */
  nullableText(
    value: unknown,
    path: string,
    max: number,
    pattern?: RegExp,
  ): string | null | undefined {
    if (value === null || value === '') {
      return null;
    }
    return this.text(value, path, max, { pattern });
  }

  bool(value: unknown, path: string): boolean | undefined {
    const v = legacyBoolean(value);
    return v === undefined ? this.fail(path, 'must be true or false') : v;
  }

  number(value: unknown, path: string, min: number, max: number): number | undefined {
    const n = legacyNumber(value);
    if (n === undefined || n < min || n > max) {
      return this.fail(path, `must be a number between ${min} and ${max}`);
    }
    return n;
  }

  json(value: unknown, path: string): Json | undefined {
    const violation = findJsonLimitViolation(value);
    return violation ? this.fail(`${path}${violation.path}`, violation.reason) : (value as Json);
  }

  parsed<T>(parse: (v: unknown) => T, value: unknown, path: string): T | undefined {
    try {
      return parse(value);
    } catch (error) {
      return this.fail(path, (error as Error).message);
    }
  }

  list(value: unknown, path: string, max: number): unknown[] | undefined {
    if (!Array.isArray(value)) {
      return this.fail(path, 'must be a list');
    }
    if (value.length > max) {
      return this.fail(path, `must have at most ${max} items`);
    }
    return value as unknown[];
  }
}

const ROOT_KEYS = new Set([
  'settings',
  'chat',
  'chats',
  'bots',
  'format',
  'version',
  'exported_at',
]);

/** "@name" → "name"; the original sometimes kept the @. */
function username(value: unknown): unknown {
  return typeof value === 'string' ? value.trim().replace(/^@/, '') : value;
}

function chatIdOf(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\s*-?\d{1,16}\s*$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n !== 0 ? n : undefined;
}

function parseSettings(r: Reader, raw: unknown, plan: SetupPlan): void {
  if (raw === undefined) {
    return;
  }
  if (!isRecord(raw)) {
    r.fail('settings', 'must be an object of key → value');
    return;
  }
  for (const [key, value] of Object.entries(raw)) {
    if (!isSettingKey(key)) {
      plan.unknown_settings.push(key);
      continue;
    }
    const coerced = legacySettingValue(key, value, SETTINGS_REGISTRY[key].default);
    const parsed = r.parsed((v) => parseSetting(key, v), coerced, `settings.${key}`);
    if (parsed !== undefined) {
      plan.settings.push({ key, value: parsed });
    }
  }
}

function parseChat(r: Reader, raw: unknown, path: string): PlannedChat | undefined {
  if (!isRecord(raw)) {
    return r.fail(path, 'must be an object');
  }
  const chatId = chatIdOf(raw.chat_id);
  if (chatId === undefined) {
    return r.fail(`${path}.chat_id`, 'must be a Telegram chat id such as -1001234567890');
  }
  const chat: PlannedChat = { path, chat_id: chatId };
  if (raw.title !== undefined)
    chat.title = r.nullableText(raw.title, `${path}.title`, CHAT_TITLE_MAX);
  if (raw.is_enabled !== undefined) chat.is_enabled = r.bool(raw.is_enabled, `${path}.is_enabled`);
  if (raw.topics !== undefined) {
    const topics = r.list(raw.topics, `${path}.topics`, TOPICS_MAX);
    chat.topics = topics?.map(
      (t, i) => r.text(t, `${path}.topics[${i}]`, TOPIC_MAX_LENGTH, { min: 1 }) ?? '',
    );
  }
  if (raw.timezone !== undefined) {
    chat.timezone =
      raw.timezone === null || raw.timezone === ''
        ? null
        : r.parsed(timezone, raw.timezone, `${path}.timezone`);
  }
  if (raw.bots !== undefined) {
    const names = r.list(raw.bots, `${path}.bots`, IMPORT_MAX_BOTS);
    chat.bots = names?.map(
      (n, i) => r.text(n, `${path}.bots[${i}]`, BOT_NAME_MAX, { min: 1 }) ?? '',
    );
  }
  return chat;
}

function parseStances(r: Reader, raw: unknown, path: string): StanceInput[] | undefined {
  const list = r.list(raw, path, IMPORT_MAX_CHILDREN);
  if (!list) {
    return undefined;
  }
  const seen = new Set<string>();
  return list.flatMap((item, i) => {
    const p = `${path}[${i}]`;
    if (!isRecord(item)) {
      r.fail(p, 'must be an object');
      return [];
    }
    const topic = r.text(item.topic, `${p}.topic`, STANCE_TOPIC_MAX, { min: 1 });
    const stanceText = r.text(item.stance_text, `${p}.stance_text`, STANCE_TEXT_MAX, { min: 1 });
    const stance: StanceInput = { topic: topic ?? '', stance_text: stanceText ?? '' };
    if (item.confidence !== undefined && item.confidence !== null) {
      const confidence = legacyConfidence(item.confidence);
      if (confidence === undefined) {
        r.fail(`${p}.confidence`, 'must be a number 0–1 or yüksek / orta / düşük');
      }
      stance.confidence = confidence === undefined ? undefined : roundReal(confidence);
    }
    if (item.cooldown_until !== undefined) {
      const time = typeof item.cooldown_until === 'string' ? Date.parse(item.cooldown_until) : NaN;
      const valid = Number.isFinite(time) && time >= 0 && time < Date.UTC(10000, 0, 1);
      if (item.cooldown_until === null) {
        stance.cooldown_until = null;
      } else if (valid) {
        stance.cooldown_until = new Date(time).toISOString();
      } else {
        r.fail(`${p}.cooldown_until`, 'must be an ISO-8601 date-time or null');
      }
    }
    if (topic !== undefined) {
      if (seen.has(topic)) {
        r.fail(`${p}.topic`, `"${topic}" appears twice for this bot`);
      }
      seen.add(topic);
    }
    return [stance];
  });
}

function parseHoldings(r: Reader, raw: unknown, path: string): HoldingInput[] | undefined {
  const list = r.list(raw, path, IMPORT_MAX_CHILDREN);
  if (!list) {
    return undefined;
  }
  const seen = new Set<string>();
  return list.flatMap((item, i) => {
    const p = `${path}[${i}]`;
    if (!isRecord(item)) {
      r.fail(p, 'must be an object');
      return [];
    }
    const symbol = r.text(
      typeof item.symbol === 'string' ? item.symbol.toUpperCase() : item.symbol,
      `${p}.symbol`,
      32,
      {
        min: 1,
        pattern: SYMBOL_PATTERN,
      },
    );
    const holding: HoldingInput = { symbol: symbol ?? '' };
    for (const field of ['avg_price', 'size'] as const) {
      if (item[field] !== undefined) {
        holding[field] =
          item[field] === null
            ? null
            : r.number(item[field], `${p}.${field}`, field === 'size' ? -1e12 : 0, 1e12);
      }
    }
    if (item.note !== undefined)
      holding.note = r.nullableText(item.note, `${p}.note`, HOLDING_NOTE_MAX);
    if (symbol !== undefined) {
      if (seen.has(symbol)) {
        r.fail(`${p}.symbol`, `"${symbol}" appears twice for this bot`);
      }
      seen.add(symbol);
    }
    return [holding];
  });
}

const MEMORY_TYPES = new Set<string>(Object.values(MemoryType));

function parseMemories(r: Reader, raw: unknown, path: string): MemoryInput[] | undefined {
  const list = r.list(raw, path, IMPORT_MAX_CHILDREN);
  return list?.flatMap((item, i) => {
    const p = `${path}[${i}]`;
    if (!isRecord(item)) {
      r.fail(p, 'must be an object');
      return [];
    }
    if (typeof item.memory_type !== 'string' || !MEMORY_TYPES.has(item.memory_type)) {
      r.fail(`${p}.memory_type`, `must be one of ${[...MEMORY_TYPES].join(', ')}`);
    }
    const memory: MemoryInput = {
      memory_type: item.memory_type as MemoryType,
      content: r.text(item.content, `${p}.content`, MEMORY_CONTENT_MAX, { min: 1 }) ?? '',
    };
    if (item.relevance_score !== undefined) {
      const relevance = r.number(item.relevance_score, `${p}.relevance_score`, 0, 1);
      memory.relevance_score = relevance === undefined ? undefined : roundReal(relevance);
    }
    return [memory];
  });
}

function parseBot(
  r: Reader,
  raw: unknown,
  path: string,
  notices: string[],
): PlannedBot | undefined {
  if (!isRecord(raw)) {
    return r.fail(path, 'must be an object');
  }
  const name = r.text(raw.name, `${path}.name`, BOT_NAME_MAX, { min: 1 });
  if (name === undefined) {
    return undefined;
  }
  let token: TokenPlan = { kind: 'absent' };
  if (typeof raw.token === 'string' && raw.token.trim() !== '') {
    const value = raw.token.trim();
    if (isTokenShaped(value)) {
      token = { kind: 'real', value };
    } else {
      token = { kind: 'placeholder' };
      notices.push(
        `${path} (${name}): the token is a placeholder; the bot is imported without a token, disabled, in sandbox mode`,
      );
    }
  } else if (raw.token !== undefined && raw.token !== null && raw.token !== '') {
    r.fail(`${path}.token`, 'must be a string');
  }
  const fields: BotFieldsInput = {};
  if (raw.username !== undefined)
    fields.username = r.nullableText(
      username(raw.username),
      `${path}.username`,
      64,
      USERNAME_PATTERN,
    );
  if (raw.is_enabled !== undefined)
    fields.is_enabled = r.bool(raw.is_enabled, `${path}.is_enabled`);
  if (raw.persona_hint !== undefined)
    fields.persona_hint =
      raw.persona_hint === null
        ? ''
        : r.text(raw.persona_hint, `${path}.persona_hint`, PERSONA_HINT_MAX);
  if (raw.llm_model !== undefined)
    fields.llm_model = r.nullableText(raw.llm_model, `${path}.llm_model`, 100, LLM_MODEL_PATTERN);
  if (raw.active_hours !== undefined)
    fields.active_hours = r.parsed(timeRanges, raw.active_hours, `${path}.active_hours`);
  for (const [key, target] of [
    ['speed_profile', 'speed_profile'],
    ['persona_profile', 'persona_profile'],
    ['emotion_profile', 'emotion_profile'],
  ] as const) {
    if (raw[key] !== undefined && raw[key] !== null) {
      fields[target] = r.json(raw[key], `${path}.${key}`);
    }
  }
  // Normalised here, so that comparing with the stored (normalised) bot finds a re-import unchanged.
  const persona = preparePersonaFields(fields, (f) => `${path}.${f}`);
  persona.errors.forEach((e) => r.fail(e.field, e.reason));
  Object.assign(fields, persona.fields);
  notices.push(...persona.warnings);
  const bot: PlannedBot = { path, name, token, fields };
  if (raw.stances !== undefined && raw.stances !== null)
    bot.stances = parseStances(r, raw.stances, `${path}.stances`);
  if (raw.holdings !== undefined && raw.holdings !== null)
    bot.holdings = parseHoldings(r, raw.holdings, `${path}.holdings`);
  if (raw.memories !== undefined && raw.memories !== null)
    bot.memories = parseMemories(r, raw.memories, `${path}.memories`);
  return bot;
}

/**
 * Reads a setup file — ours (GET /export) or the original's bot templates `{"bots": [...]}` and
 * setup files `{"settings", "chat", "bots"}` with their variants — into a plan, collecting every
 * problem with its path. Pure: the importer applies the plan.
 */
export function parseSetupFile(raw: unknown): { plan: SetupPlan; errors: FieldError[] } {
  const r = new Reader();
  const plan: SetupPlan = { settings: [], unknown_settings: [], chats: [], bots: [], notices: [] };
  if (!isRecord(raw)) {
    r.fail('body', 'must be a JSON object with settings, chat/chats and/or bots');
    return { plan, errors: r.errors };
  }
  for (const key of Object.keys(raw)) {
    if (!ROOT_KEYS.has(key)) {
      plan.notices.push(`"${key}" is not part of a setup file and was ignored`);
    }
  }
  parseSettings(r, raw.settings, plan);
  if (raw.chat !== undefined && raw.chat !== null) {
    const chat = parseChat(r, raw.chat, 'chat');
    if (chat) plan.chats.push(chat);
  }
  if (raw.chats !== undefined) {
    (r.list(raw.chats, 'chats', IMPORT_MAX_CHATS) ?? []).forEach((c, i) => {
      const chat = parseChat(r, c, `chats[${i}]`);
      if (chat) plan.chats.push(chat);
    });
  }
  const chatIds = new Map<number, string>();
  for (const chat of plan.chats) {
    const first = chatIds.get(chat.chat_id);
    if (first) {
      r.fail(`${chat.path}.chat_id`, `the same chat id as ${first}`);
    }
    chatIds.set(chat.chat_id, chat.path);
  }
  if (raw.bots !== undefined) {
    (r.list(raw.bots, 'bots', IMPORT_MAX_BOTS) ?? []).forEach((b, i) => {
      const bot = parseBot(r, b, `bots[${i}]`, plan.notices);
      if (bot) plan.bots.push(bot);
    });
  }
  const names = new Map<string, string>();
  const tokens = new Map<string, string>();
  for (const bot of plan.bots) {
    const key = bot.name.toLocaleLowerCase('tr');
    const first = names.get(key);
    if (first) {
      r.fail(`${bot.path}.name`, `the same name as ${first}`);
    }
    names.set(key, bot.path);
    if (bot.token.kind === 'real') {
      const holder = tokens.get(bot.token.value);
      if (holder) {
        r.fail(`${bot.path}.token`, `the same token as ${holder}`);
      }
      tokens.set(bot.token.value, bot.path);
    }
  }
  return { plan, errors: r.errors };
}
