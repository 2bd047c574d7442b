import { BotStatus } from './entities/bot.entity';
import { MemoryType } from './entities/bot-memory.entity';

/** Bot fields as the REST contract names them; every writer (API, wizard, import, demo) uses these. */
export interface BotFieldsInput {
  name?: string;
  username?: string | null;
  is_enabled?: boolean;
  speed_profile?: Record<string, unknown>;
  active_hours?: string[];
  persona_hint?: string;
  persona_profile?: Record<string, unknown>;
  emotion_profile?: Record<string, unknown>;
  llm_model?: string | null;
  status?: BotStatus;
}

export interface CreateBotInput extends BotFieldsInput {
  name: string;
  /** A real token (shape checked by the caller), or absent/null for a sandbox bot. */
  token?: string | null;
}

export interface StanceInput {
  topic: string;
  stance_text: string;
  confidence?: number;
  cooldown_until?: string | null;
}

export interface HoldingInput {
  symbol: string;
  avg_price?: number | null;
  size?: number | null;
  note?: string | null;
}

export interface MemoryInput {
  memory_type: MemoryType;
  content: string;
  relevance_score?: number;
}
