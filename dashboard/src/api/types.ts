/**
 * REST and WebSocket types written by hand from SPEC section 4 (snake_case, as on the wire).
 * Once the API serves /docs-json, `npm run gen:api` writes src/api/schema.d.ts and these
 * aliases switch to the generated components (see README).
 */

export type Role = 'viewer' | 'operator' | 'admin';

export interface FieldError {
  field: string;
  reason: string;
}

/** The one error body every API error uses. */
export interface ApiErrorBody {
  status: number;
  error: string;
  message: string;
  fields?: FieldError[];
  request_id?: string;
}

/** A list page; endpoints that return a bare array are wrapped into this by the client. */
export interface Page<T> {
  items: T[];
  total?: number;
  next_cursor?: string | null;
}

// ---------------------------------------------------------------- auth and users

export interface CurrentUser {
  id: number;
  username: string;
  role: Role;
  mfa_enabled: boolean;
  /** Set by the API when policy requires MFA and this user has not enrolled yet. */
  mfa_required?: boolean;
  last_login_at?: string | null;
}

export interface LoginRequest {
  username: string;
  password: string;
  totp?: string;
}

export interface LoginResponse {
  role: Role;
  session_expires_at: string;
  user?: CurrentUser;
  mfa_enrolment_required?: boolean;
}

export interface MfaEnrolment {
  otpauth_uri: string;
  secret?: string;
}

export interface ApiUser {
  id: number;
  username: string;
  role: Role;
  is_active: boolean;
  mfa_enabled: boolean;
  created_at: string;
  last_login_at: string | null;
}

export interface ApiUserCreate {
  username: string;
  password: string;
  role: Role;
}

export interface ApiUserPatch {
  role?: Role;
  is_active?: boolean;
  password?: string;
}

export interface ApiKey {
  id: number;
  name: string;
  prefix: string;
  role_cap: Role | null;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface ApiKeyCreate {
  name: string;
  role_cap?: Role | null;
  expires_at?: string | null;
}

/** Creation answer: the raw key is in it exactly once. */
export interface ApiKeyCreated extends ApiKey {
  key: string;
}

// ---------------------------------------------------------------- bots

export type BotStatus = 'active' | 'paused' | 'error';

export interface PersonaStyle {
  emojis?: boolean | string;
  length?: string;
  disclaimer?: boolean | string;
}

export interface PersonaProfile {
  tone?: string;
  risk_profile?: string;
  watchlist?: string[];
  never_do?: string[];
  /** An object, or a plain description string (both accepted by the API). */
  style?: PersonaStyle | string;
  [key: string]: unknown;
}

export interface EmotionProfile {
  tone?: string;
  empathy?: number | string;
  energy?: string | number;
  signature_emoji?: string | string[];
  signature_phrases?: string[];
  anecdotes?: string[];
  [key: string]: unknown;
}

export interface SpeedProfile {
  delay?: { base_delay_seconds?: number; multiplier?: number; jitter?: number };
  typing?: { wpm_min?: number; wpm_max?: number; multiplier?: number };
  [key: string]: unknown;
}

export interface Bot {
  id: number;
  name: string;
  username: string | null;
  token_masked: string | null;
  has_token: boolean;
  is_enabled: boolean;
  speed_profile: SpeedProfile;
  active_hours: string[];
  persona_hint: string;
  persona_profile: PersonaProfile;
  emotion_profile: EmotionProfile;
  llm_model: string | null;
  status: BotStatus;
  last_error: string | null;
  last_error_at: string | null;
  created_at: string;
  updated_at: string;
  /** Chats this bot takes part in, when the API includes them. */
  chat_ids?: number[];
}

/** Create/update body. `token` is write-only: sent to set or replace, never read back. */
export interface BotWrite {
  name?: string;
  token?: string;
  is_enabled?: boolean;
  speed_profile?: SpeedProfile;
  active_hours?: string[];
  persona_hint?: string;
  persona_profile?: PersonaProfile;
  emotion_profile?: EmotionProfile;
  llm_model?: string | null;
}

export interface BotVerifyResult {
  ok: boolean;
  username?: string | null;
  bot?: Bot;
  error?: string;
}

export interface Stance {
  id: number;
  bot_id: number;
  topic: string;
  stance_text: string;
  confidence: number;
  cooldown_until: string | null;
  updated_at: string;
}

export interface StanceWrite {
  topic: string;
  stance_text: string;
  confidence: number;
  cooldown_until?: string | null;
}

export interface Holding {
  id: number;
  bot_id: number;
  symbol: string;
  avg_price: number | null;
  size: number | null;
  note: string | null;
  updated_at: string;
}

export interface HoldingWrite {
  symbol: string;
  avg_price?: number | null;
  size?: number | null;
  note?: string | null;
}

export type MemoryType = 'personal_fact' | 'past_event' | 'relationship' | 'preference' | 'routine';

export const MEMORY_TYPES: readonly MemoryType[] = [
  'personal_fact',
  'past_event',
  'relationship',
  'preference',
  'routine',
];

export interface Memory {
  id: number;
  bot_id: number;
  memory_type: MemoryType;
  content: string;
  relevance_score: number;
  usage_count: number;
  last_used_at: string | null;
  created_at: string;
}

export interface MemoryWrite {
  memory_type: MemoryType;
  content: string;
  relevance_score?: number;
}

// ---------------------------------------------------------------- chats

export interface Chat {
  id: number;
  chat_id: number | string;
  title: string | null;
  is_enabled: boolean;
  topics: string[];
  timezone: string | null;
  created_at: string;
  updated_at: string;
  /** Member bots; empty means every enabled bot (SPEC 3). */
  bot_ids?: number[];
}

export interface ChatWrite {
  chat_id?: number | string;
  title?: string | null;
  is_enabled?: boolean;
  topics?: string[];
  timezone?: string | null;
}

// ---------------------------------------------------------------- settings

export interface SettingRow {
  key: string;
  value: { value: unknown };
  updated_at: string | null;
  description?: string;
}

// ---------------------------------------------------------------- metrics, control, system

export interface Metrics {
  total_bots: number;
  active_bots: number;
  total_chats: number;
  messages_last_hour: number;
  messages_per_minute: number;
  simulation_active: boolean;
  scale_factor: number;
  rate_limit_hits: number;
  telegram_429_count: number;
  telegram_5xx_count: number;
  [key: string]: unknown;
}

export interface ControlResult {
  simulation_active?: boolean;
  scale_factor?: number;
  [key: string]: unknown;
}

export interface SystemCheckStep {
  name: string;
  status: string;
  message?: string;
  duration?: number;
}

export interface SystemCheck {
  id: number;
  status: 'passed' | 'failed';
  total_steps: number;
  passed_steps: number;
  failed_steps: number;
  duration: number;
  triggered_by: string | null;
  details: { steps?: SystemCheckStep[]; health_checks?: unknown; [key: string]: unknown };
  created_at: string;
}

export interface SystemCheckSummary {
  window_days: number;
  total_runs?: number;
  passed_runs?: number;
  failed_runs?: number;
  success_rate?: number;
  overall_status?: string;
  insights?: string[];
  recommended_actions?: string[];
  [key: string]: unknown;
}

/** GET /queue/stats: counts per queue and state. */
export type QueueStats = Record<string, Record<string, number>>;

// ---------------------------------------------------------------- messages and logs

export type MessageState =
  'planned' | 'generating' | 'sending' | 'sent' | 'failed' | 'skipped' | 'unknown';

export interface MessageMetadata {
  topic?: string;
  symbols?: string[];
  keywords?: string[];
  sentiment?: number;
  is_incoming?: boolean;
  from_user_id?: number;
  username?: string;
  [key: string]: unknown;
}

export interface ChatMessage {
  id: number;
  bot_id: number | null;
  chat_db_id: number | null;
  kind?: 'text' | 'reaction';
  telegram_message_id: number | null;
  text: string;
  reply_to_message_id: number | null;
  reply_to_db_id?: number | null;
  msg_metadata: MessageMetadata;
  state?: MessageState;
  state_reason?: string | null;
  created_at: string;
  sent_at?: string | null;
  bot_name?: string | null;
  chat_title?: string | null;
}

export interface LogQuery {
  limit?: number;
  cursor?: string;
  bot_id?: number;
  chat_id?: number;
  q?: string;
  from?: string;
  to?: string;
}

// ---------------------------------------------------------------- wizard, import/export, demo

export interface WizardSetup {
  bot: BotWrite & { name: string };
  chat: ChatWrite & { chat_id: number | string };
  persona?: PersonaProfile;
  emotion?: EmotionProfile;
  stances?: StanceWrite[];
  holdings?: HoldingWrite[];
  start?: boolean;
}

export interface WizardResult {
  bot_id?: number;
  chat_id?: number;
  started?: boolean;
  [key: string]: unknown;
}

export interface ImportResult {
  dry_run: boolean;
  created?: Record<string, number>;
  updated?: Record<string, number>;
  warnings?: string[];
  [key: string]: unknown;
}

export interface DemoBotsResult {
  created: number;
  bots?: Bot[];
  [key: string]: unknown;
}

// ---------------------------------------------------------------- live stream

export interface DashboardSnapshot {
  type: 'dashboard_snapshot';
  generated_at: string;
  metrics: Metrics;
  latest_check: SystemCheck | null;
}
