/**
 * The dashboard's names for the API's shapes. REST shapes are aliases of the types generated
 * from the API's OpenAPI document (schema.d.ts, `npm run api:types`); only what the document
 * cannot describe is written here: the free-form JSON profiles the editor knows fields of, and
 * the WebSocket frames (mirroring src/events/domain-events.ts and the snapshot service).
 */
import type { components } from './schema';
import type { QueryOf } from './routes';

type Schemas = components['schemas'];

export type Role = Schemas['UserDto']['role'];
export type FieldError = Schemas['FieldErrorBody'];
export type ApiErrorBody = Schemas['ErrorBody'];

// ---------------------------------------------------------------- auth and users

export type CurrentUser = Schemas['MeDto'];
export type LoginRequest = Schemas['LoginDto'];
export type MfaEnrolment = Schemas['MfaEnrolmentDto'];
export type ApiUser = Schemas['UserDto'];
export type ApiUserCreate = Schemas['CreateUserDto'];
export type ApiUserPatch = Schemas['UpdateUserDto'];
export type ApiKey = Schemas['ApiKeyDto'];
export type ApiKeyCreate = Schemas['CreateApiKeyDto'];
/** Creation answer: the raw key is in it exactly once. */
export type ApiKeyCreated = Schemas['CreatedApiKeyDto'];

// ---------------------------------------------------------------- bots

export type Bot = Schemas['BotResponse'];
export type BotStatus = Bot['status'];
export type BotCreate = Schemas['CreateBotDto'];
export type BotPatch = Schemas['UpdateBotDto'];
export type BotVerifyResult = Schemas['VerifyBotResponse'];

/** Fields of `persona_profile` the editor knows (the API stores any JSON object). */
export interface PersonaProfile {
  tone?: string;
  risk_profile?: string;
  watchlist?: string[];
  never_do?: string[];
  /** An object, or a plain description string (both accepted by the API). */
  style?: { emojis?: boolean | string; length?: string; disclaimer?: boolean | string } | string;
  [key: string]: unknown;
}

/** Fields of `emotion_profile` the editor knows. */
export interface EmotionProfile {
  tone?: string;
  empathy?: number | string;
  energy?: string | number;
  signature_emoji?: string | string[];
  signature_phrases?: string[];
  anecdotes?: string[];
  [key: string]: unknown;
}

/** Fields of `speed_profile` the editor knows. */
export interface SpeedProfile {
  delay?: { base_delay_seconds?: number; multiplier?: number; jitter?: number };
  typing?: { wpm_min?: number; wpm_max?: number; multiplier?: number };
  [key: string]: unknown;
}

export type Stance = Schemas['StanceResponse'];
export type StanceWrite = Schemas['UpsertStanceDto'];
export type Holding = Schemas['HoldingResponse'];
export type HoldingWrite = Schemas['UpsertHoldingDto'];
export type Memory = Schemas['MemoryResponse'];
export type MemoryWrite = Schemas['CreateMemoryDto'];
export type MemoryType = Memory['memory_type'];

export const MEMORY_TYPES: readonly MemoryType[] = [
  'personal_fact',
  'past_event',
  'relationship',
  'preference',
  'routine',
];

// ---------------------------------------------------------------- chats

export type Chat = Schemas['ChatResponse'];
export type ChatCreate = Schemas['CreateChatDto'];
export type ChatPatch = Schemas['UpdateChatDto'];
export type ChatMembership = Schemas['ChatMembershipResponse'];

// ---------------------------------------------------------------- settings

export type SettingRow = Schemas['SettingDto'];

// ---------------------------------------------------------------- metrics, control, system

export type Metrics = Schemas['MetricsDto'];
export type SystemCheck = Schemas['SystemCheckDto'];
export type SystemCheckStep = Schemas['CheckStepDto'];
export type SystemCheckSummary = Schemas['CheckSummaryDto'];
export type SystemHealth = Schemas['SystemHealthDto'];
export type QueueStats = Schemas['QueueStatsDto'];

// ---------------------------------------------------------------- messages and logs

export type ChatMessage = Schemas['LogEntryDto'];
export type MessageState = ChatMessage['state'];
export type LogQuery = QueryOf<'GET /logs'>;

// ---------------------------------------------------------------- wizard, import/export, demo

export type WizardSetup = Schemas['WizardSetupDto'];
export type WizardResult = Schemas['WizardSetupResponse'];
export type ImportResult = Schemas['ImportReport'];
export type DemoBotsResult = Schemas['DemoBotsResponse'];

// ---------------------------------------------------------------- live stream (/ws/dashboard)

export interface DashboardSnapshot {
  type: 'dashboard_snapshot';
  generated_at: string;
  metrics: Metrics;
  latest_check: SystemCheck | null;
}
