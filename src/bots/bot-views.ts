import { BotResponse } from './dto/bot-response.dto';
import { HoldingResponse } from './dto/holding.dto';
import { MemoryResponse } from './dto/memory.dto';
import { StanceResponse } from './dto/stance.dto';
import { BotHolding } from './entities/bot-holding.entity';
import { BotMemory } from './entities/bot-memory.entity';
import { BotStance } from './entities/bot-stance.entity';
import { Bot } from './entities/bot.entity';

/** Entity → REST shape. Reads token_hint only: listing bots never decrypts anything. */
export function toBotResponse(bot: Omit<Bot, 'tokenCiphertext'>): BotResponse {
  return {
    id: bot.id,
    name: bot.name,
    username: bot.username,
    is_enabled: bot.isEnabled,
    speed_profile: bot.speedProfile,
    active_hours: bot.activeHours,
    persona_hint: bot.personaHint,
    persona_profile: bot.personaProfile,
    emotion_profile: bot.emotionProfile,
    llm_model: bot.llmModel,
    status: bot.status,
    last_error: bot.lastError,
    last_error_at: bot.lastErrorAt,
    token_masked: bot.tokenHint,
    has_token: bot.tokenHint !== null,
    created_at: bot.createdAt,
    updated_at: bot.updatedAt,
  };
}

export function toStanceResponse(stance: BotStance): StanceResponse {
  return {
    id: stance.id,
    bot_id: stance.botId,
    topic: stance.topic,
    stance_text: stance.stanceText,
    confidence: stance.confidence,
    cooldown_until: stance.cooldownUntil,
    updated_at: stance.updatedAt,
  };
}

export function toHoldingResponse(holding: BotHolding): HoldingResponse {
  return {
    id: holding.id,
    bot_id: holding.botId,
    symbol: holding.symbol,
    avg_price: holding.avgPrice,
    size: holding.size,
    note: holding.note,
    updated_at: holding.updatedAt,
  };
}

export function toMemoryResponse(memory: BotMemory): MemoryResponse {
  return {
    id: memory.id,
    bot_id: memory.botId,
    memory_type: memory.memoryType,
    content: memory.content,
    relevance_score: memory.relevanceScore,
    usage_count: memory.usageCount,
    last_used_at: memory.lastUsedAt,
    created_at: memory.createdAt,
  };
}
