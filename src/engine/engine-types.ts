/**
 * The plain data the engine's pure functions work on. Services load these from PostgreSQL/Redis;
 * the pure planning, prompt and language modules never see entities, Nest or I/O.
 */

/** A random source in [0, 1). Pure functions take one so tests can be exact (see random.util.ts). */
export type Rng = () => number;

export type RiskProfile = 'düşük' | 'orta' | 'yüksek';

/** A persona after normalisation (SPEC 7.2): every field present, every variant resolved. */
export interface PersonaProfile {
  tone: string;
  risk_profile: RiskProfile;
  watchlist: string[];
  never_do: string[];
  style: {
    emojis: boolean;
    /** Preferred message length. */
    length: 'kısa' | 'orta' | 'uzun';
    disclaimer: boolean;
    /** Free description when the original gave style as a plain string. */
    description: string;
  };
}

export interface EmotionProfile {
  tone: string;
  /** 0–1. */
  empathy: number;
  /** 0–1. */
  energy: number;
  signature_emoji: string[];
  signature_phrases: string[];
  anecdotes: string[];
}

export interface SpeedProfile {
  /** Base of the bot's own pause, seconds, before scale/prime-hours are applied. */
  base_delay_seconds: number;
  /** Multiplies the chat gap when this bot speaks (talkativeness is 1 / multiplier). */
  delay_multiplier: number;
  /** 0–1: relative jitter of delays. */
  jitter: number;
  /** Typing speed override in characters per second; null uses the typing_speed_wpm setting. */
  typing_cps: { min: number; max: number } | null;
  typing_multiplier: number;
}

export interface StanceView {
  topic: string;
  stance_text: string;
  /** 0–1. */
  confidence: number;
  cooldown_until: Date | null;
}

export interface HoldingView {
  symbol: string;
  avg_price: number | null;
  size: number | null;
  note: string | null;
}

export interface MemoryView {
  id: number;
  memory_type: string;
  content: string;
  relevance_score: number;
}

/** Everything about one bot that planning and prompting need. */
export interface BotView {
  id: number;
  name: string;
  username: string | null;
  persona_hint: string;
  persona: PersonaProfile;
  emotion: EmotionProfile;
  speed: SpeedProfile;
  /** "HH:MM-HH:MM" ranges; empty = always active. */
  active_hours: string[];
  stances: StanceView[];
  holdings: HoldingView[];
  memories: MemoryView[];
}

/** One message of a chat's recent history, oldest first in lists. */
export interface HistoryMessage {
  /** Our message id. */
  id: number;
  telegram_message_id: number | null;
  /** Null for a human. */
  bot_id: number | null;
  /** Display name: bot name or the human's first name / username. */
  speaker: string;
  /** Telegram username without "@", when known. */
  username: string | null;
  text: string;
  created_at: Date;
  /** Our id of the message it replies to. */
  reply_to_id: number | null;
  topic: string | null;
  symbols: string[];
}

export type TurnAction = 'reaction' | 'reply' | 'new';

export type LengthCategory = 'short' | 'medium' | 'long';

/** A news item already matched to a topic, with a one-sentence Turkish brief. */
export interface NewsBrief {
  topic: string;
  headline: string;
  brief_tr: string;
  url: string | null;
}

export type DayPart = 'sabah' | 'öğle' | 'akşam' | 'gece';

/** Local time facts for prompts and planning (see time-window.util.ts `localContext`). */
export interface LocalTimeContext {
  /** The timezone the facts were computed in. */
  timezone: string;
  /** "HH:MM" local time. */
  local_time: string;
  day_part: DayPart;
  /** Turkish weekday name ("Pazartesi" …). */
  weekday_name: string;
  weekend: boolean;
  /** BIST equity continuous session (10:00–18:00 Istanbul, Monday–Friday; holidays not known). */
  bist_open: boolean;
}

export type BotLifecycleStatus = 'active' | 'paused' | 'error';

/** A bot's chat_bots row for one chat: member, failed, or no row at all (null). */
export type ChatMembership = 'member' | 'failed' | null;

/** A bot as turn planning sees it: the persona views plus live counters the worker loads. */
export interface PlannerBot extends Pick<
  BotView,
  'id' | 'name' | 'username' | 'persona' | 'emotion' | 'speed' | 'active_hours' | 'stances'
> {
  is_enabled: boolean;
  status: BotLifecycleStatus;
  membership: ChatMembership;
  /** Messages the bot sent in the last rolling hour, across all chats. */
  messages_last_hour: number;
  /** Until when a Telegram 429 or a limiter holds the bot back; null when free. */
  paused_until: Date | null;
}

/** A chat as turn planning sees it. */
export interface PlannerChat {
  id: number;
  is_enabled: boolean;
  topics: string[];
  /** Overrides the timezone setting when set. */
  timezone: string | null;
}

/** Sampling parameters of one chat completion (SPEC 9). */
export interface SamplingParams {
  temperature: number;
  max_tokens: number;
  top_p: number;
  frequency_penalty: number;
}
