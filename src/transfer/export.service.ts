import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BotHolding } from '../bots/entities/bot-holding.entity';
import { BotMemory } from '../bots/entities/bot-memory.entity';
import { BotStance } from '../bots/entities/bot-stance.entity';
import { Bot } from '../bots/entities/bot.entity';
import { ChatBot, ChatBotStatus } from '../chats/entities/chat-bot.entity';
import { Chat } from '../chats/entities/chat.entity';
import { Setting } from '../settings/entities/setting.entity';

export interface SetupExport {
  format: 'piyasa-setup';
  version: 1;
  exported_at: string;
  settings: Record<string, unknown>;
  chats: Record<string, unknown>[];
  bots: Record<string, unknown>[];
}

function groupBy<T extends { botId: number }>(rows: T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const row of rows) {
    out.set(row.botId, [...(out.get(row.botId) ?? []), row]);
  }
  return out;
}

/**
 * GET /export: the whole setup as one JSON file that POST /import reads back unchanged. Stored
 * settings only (defaults stay defaults), chats with their member bots by name, bots with persona,
 * emotion, stances, holdings and memories. Never a token: bots are exported by name, and a
 * re-import keeps the tokens already stored.
 */
@Injectable()
export class ExportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async export(): Promise<SetupExport> {
    const m = this.dataSource.manager;
    const [settings, chats, memberships, bots, stances, holdings, memories] = await Promise.all([
      m.find(Setting, { order: { key: 'ASC' } }),
      m.find(Chat, { order: { id: 'ASC' } }),
      m.find(ChatBot, { where: { status: ChatBotStatus.Member }, order: { botId: 'ASC' } }),
      m.find(Bot, {
        order: { id: 'ASC' },
        select: {
          id: true,
          name: true,
          username: true,
          isEnabled: true,
          speedProfile: true,
          activeHours: true,
          personaHint: true,
          personaProfile: true,
          emotionProfile: true,
          llmModel: true,
        },
      }),
      m.find(BotStance, { order: { topic: 'ASC' } }),
      m.find(BotHolding, { order: { symbol: 'ASC' } }),
      m.find(BotMemory, { order: { id: 'ASC' } }),
    ]);
    const names = new Map(bots.map((b) => [b.id, b.name]));
    const stancesOf = groupBy(stances);
    const holdingsOf = groupBy(holdings);
    const memoriesOf = groupBy(memories);
    return {
      format: 'piyasa-setup',
      version: 1,
      exported_at: new Date().toISOString(),
      settings: Object.fromEntries(settings.map((s) => [s.key, s.value])),
      chats: chats.map((c) => ({
        chat_id: c.chatId,
        title: c.title,
        is_enabled: c.isEnabled,
        topics: c.topics,
        timezone: c.timezone,
        bots: memberships.filter((r) => r.chatDbId === c.id).map((r) => names.get(r.botId)),
      })),
      bots: bots.map((b) => ({
        name: b.name,
        username: b.username,
        is_enabled: b.isEnabled,
        speed_profile: b.speedProfile,
        active_hours: b.activeHours,
        persona_hint: b.personaHint,
        persona_profile: b.personaProfile,
        emotion_profile: b.emotionProfile,
        llm_model: b.llmModel,
        stances: (stancesOf.get(b.id) ?? []).map((s) => ({
          topic: s.topic,
          stance_text: s.stanceText,
          confidence: s.confidence,
          cooldown_until: s.cooldownUntil ? s.cooldownUntil.toISOString() : null,
        })),
        holdings: (holdingsOf.get(b.id) ?? []).map((h) => ({
          symbol: h.symbol,
          avg_price: h.avgPrice,
          size: h.size,
          note: h.note,
        })),
        memories: (memoriesOf.get(b.id) ?? []).map((mem) => ({
          memory_type: mem.memoryType,
          content: mem.content,
          relevance_score: mem.relevanceScore,
        })),
      })),
    };
  }
}
