import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { BotContext, BotContextCache } from '../../bot-context/bot-context-cache.service';
import { Bot } from '../../bots/entities/bot.entity';
import { BotMemory } from '../../bots/entities/bot-memory.entity';
import { BotPersona, normalizeBotPersona } from '../../bots/persona/bot-persona-normalizer';
import { Chat } from '../../chats/entities/chat.entity';
import { entityColumnsSql, hydrateEntity } from '../../database/hydrate-entity.util';
import { ChatBot, ChatBotStatus } from '../../chats/entities/chat-bot.entity';
import { Message, MessageKind, MessageState } from '../../messages/entities/message.entity';
import { BotView, HistoryMessage, PlannerBot, PlannerChat } from '../engine-types';
import { SendLimiter } from '../limits/send-limiter.service';
import { IN_FLIGHT_WINDOW_MS } from '../scheduling/chat-schedule.service';

/** Enough history for the prompt's transcript (≥ 15 turns) and for reply targets. */
const HISTORY_LIMIT = 40;
const MEMORIES_PER_BOT = 20;
/** Normalised personas kept per process (least recently changed go first). */
const PERSONAS_REMEMBERED = 5000;

export interface CandidateBot {
  entity: Bot;
  /** Stances, holdings and memories (cached); null if the bot vanished since the roster query. */
  context: BotContext | null;
  planner: PlannerBot;
}

/**
 * A string field of a message's metadata, NULL when absent or not a string. Only these fields
 * leave PostgreSQL: the whole documents of forty messages per turn cost more to print and parse
 * than the rest of the history.
 */
function metadataString(field: string): string {
  return `CASE WHEN jsonb_typeof(m.msg_metadata->'${field}') = 'string' THEN m.msg_metadata->>'${field}' END`;
}

/** A row of chatWithHistory: the chat's columns (chat_*) and one message's, null without any. */
interface HistoryRow extends Record<string, unknown> {
  id: number | null;
  state: MessageState;
  telegram_message_id: number | null;
  bot_id: number | null;
  bot_name: string | null;
  bot_username: string | null;
  text: string;
  created_at: Date;
  reply_to_id: number | null;
  /** The few metadata fields a history entry uses; each null unless it holds a string. */
  meta_first_name: string | null;
  meta_username: string | null;
  meta_topic: string | null;
  /** msg_metadata.symbols when it is an array (its items unchecked). */
  meta_symbols: unknown[] | null;
}

interface RosterEntry {
  bot: Bot;
  membership: PlannerBot['membership'];
}

export interface TurnContext {
  chat: Chat;
  plannerChat: PlannerChat;
  candidates: CandidateBot[];
  /** Oldest first. */
  history: HistoryMessage[];
  /**
   * A text message of this chat is still planned or being sent (typing, or held by a limit): the
   * next turn must wait for it, or it would write without seeing it and could overtake it.
   */
  messageInFlight: boolean;
}

/**
 * Loads what a turn needs from PostgreSQL, Redis and the bot context cache: the chat, its
 * candidate bots and its history in three queries at once, then the bots' cached contexts and
 * limiter load. The speaker's prompt view is built from the same cached context.
 */
@Injectable()
export class TurnContextLoader {
  private readonly personas = new Map<number, { version: number; persona: BotPersona }>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly limiter: SendLimiter,
    private readonly contexts: BotContextCache,
  ) {}

  async load(chatDbId: number): Promise<TurnContext | null> {
    // Two independent reads at once; the bots' stances come from the bot context cache.
    const [{ chat, history, messageInFlight }, roster] = await Promise.all([
      this.chatWithHistory(chatDbId),
      this.roster(chatDbId),
    ]);
    if (!chat) {
      return null;
    }
    const ids = roster.map((r) => r.bot.id);
    const [contexts, load] = await Promise.all([
      Promise.all(ids.map((id) => this.contexts.get(id))),
      this.limiter.botLoad(ids),
    ]);
    const candidates = roster.map(({ bot, membership }, i): CandidateBot => {
      const persona = this.personaOf(bot);
      const botLoad = load.get(bot.id);
      return {
        entity: bot,
        context: contexts[i],
        planner: {
          id: bot.id,
          name: bot.name,
          username: bot.username,
          persona: persona.persona,
          emotion: persona.emotion,
          speed: persona.speed,
          active_hours: persona.active_hours,
          stances: (contexts[i]?.stances ?? []).map((s) => ({
            topic: s.topic,
            stance_text: s.stanceText,
            confidence: s.confidence,
            cooldown_until: s.cooldownUntil,
          })),
          is_enabled: bot.isEnabled,
          status: bot.status,
          membership,
          messages_last_hour: botLoad?.lastHour ?? 0,
          paused_until: botLoad?.pausedUntil ?? null,
        },
      };
    });
    return {
      chat,
      plannerChat: {
        id: chat.id,
        is_enabled: chat.isEnabled,
        topics: chat.topics,
        timezone: chat.timezone,
      },
      candidates,
      history,
      messageInFlight,
    };
  }

  /**
   * The bot's normalised persona, kept until the row changes (updated_at): every turn of a chat
   * would otherwise normalise the same few personas again.
   */
  private personaOf(bot: Bot): BotPersona {
    const version = bot.updatedAt.getTime();
    const cached = this.personas.get(bot.id);
    if (cached?.version === version) {
      return cached.persona;
    }
    // The normaliser reads the stored (snake_case) field names, not the entity's properties.
    const persona = normalizeBotPersona({
      persona_profile: bot.personaProfile,
      emotion_profile: bot.emotionProfile,
      speed_profile: bot.speedProfile,
      active_hours: bot.activeHours,
    }).value;
    this.personas.delete(bot.id);
    this.personas.set(bot.id, { version, persona });
    if (this.personas.size > PERSONAS_REMEMBERED) {
      this.personas.delete(this.personas.keys().next().value as number);
    }
    return persona;
  }

  /**
   * The chat's candidate bots with their membership row, by the rule of chat-bot.entity.ts: the
   * explicit members if the chat has any, else every enabled bot. Bots are read fresh every turn
   * (status and enabled flag change under the engine's feet); their stances, holdings and
   * memories come from the event-invalidated BotContextCache.
   *
   * The members first, through the chat's membership rows (an index lookup): one query for a chat
   * with members. The rule as one condition (members, or all bots when there are none) cannot use
   * an index and reads every bot of the fleet on every turn, so it runs only when the first query
   * found no enabled member.
   */
  private async roster(chatDbId: number): Promise<RosterEntry[]> {
    const members = await this.rosterQuery(chatDbId, 'members');
    return members.length > 0 ? members : this.rosterQuery(chatDbId, 'rule');
  }

  private async rosterQuery(chatDbId: number, which: 'members' | 'rule'): Promise<RosterEntry[]> {
    const query = this.ds.getRepository(Bot).createQueryBuilder('b');
    if (which === 'members') {
      query.innerJoin(
        ChatBot,
        'cb',
        'cb.bot_id = b.id AND cb.chat_db_id = :chatDbId AND cb.status = :member',
        { chatDbId, member: ChatBotStatus.Member },
      );
    } else {
      query
        .leftJoin(ChatBot, 'cb', 'cb.bot_id = b.id AND cb.chat_db_id = :chatDbId', { chatDbId })
        .andWhere(
          `(cb.status = :member OR NOT EXISTS (
             SELECT 1 FROM chat_bots m WHERE m.chat_db_id = :chatDbId AND m.status = :member))`,
          { member: ChatBotStatus.Member },
        );
    }
    const { entities, raw } = await query
      .addSelect('cb.status', 'membership')
      .andWhere('b.is_enabled = true')
      .orderBy('b.id', 'ASC')
      .getRawAndEntities<{ b_id: number; membership: PlannerBot['membership'] }>();
    const membershipOf = new Map(raw.map((r) => [r.b_id, r.membership]));
    return entities.map((bot) => ({ bot, membership: membershipOf.get(bot.id) ?? null }));
  }

  /** The speaker's full view for the prompt: holdings and memories besides the planner's data. */
  async botView(candidate: CandidateBot): Promise<BotView> {
    const context = candidate.context ?? (await this.contexts.get(candidate.entity.id));
    const { planner, entity } = candidate;
    return {
      id: planner.id,
      name: planner.name,
      username: planner.username,
      persona_hint: entity.personaHint,
      persona: planner.persona,
      emotion: planner.emotion,
      speed: planner.speed,
      active_hours: planner.active_hours,
      stances: planner.stances,
      holdings: (context?.holdings ?? []).map((h) => ({
        symbol: h.symbol,
        avg_price: h.avgPrice,
        size: h.size,
        note: h.note,
      })),
      memories: (context?.memories ?? []).slice(0, MEMORIES_PER_BOT).map((m) => ({
        id: m.id,
        memory_type: m.memoryType,
        content: m.content,
        relevance_score: m.relevanceScore,
      })),
    };
  }

  /** The bot's own texts in the dedup window, newest first (what a new message must not repeat). */
  async recentTextsOf(botId: number, hours: number, limit = 50): Promise<string[]> {
    const rows = await this.ds
      .getRepository(Message)
      .createQueryBuilder('m')
      .select('m.text', 'text')
      .where('m.bot_id = :botId AND m.kind = :kind AND m.state = :state', {
        botId,
        kind: MessageKind.Text,
        state: MessageState.Sent,
      })
      .andWhere(`m.created_at > now() - make_interval(hours => :hours)`, { hours })
      .orderBy('m.created_at', 'DESC')
      .limit(limit)
      .getRawMany<{ text: string }>();
    return rows.map((r) => r.text);
  }

  /** Counts a turn's memory use in one write (SPEC 7.11). */
  async touchMemories(ids: number[]): Promise<void> {
    if (ids.length > 0) {
      await this.ds
        .getRepository(BotMemory)
        .update({ id: In(ids) }, { usageCount: () => 'usage_count + 1', lastUsedAt: new Date() });
    }
  }

  /**
   * The chat row, its recent sent text messages (oldest first) and whether a newer text message
   * of the chat is still on its way (planned or sending, within IN_FLIGHT_WINDOW_MS), in one
   * query: the chat joined to its last HISTORY_LIMIT messages (LATERAL; one row with no message
   * columns when the chat has none). A turn's statements are a large share of its cost.
   */
  private async chatWithHistory(chatDbId: number): Promise<{
    chat: Chat | null;
    history: HistoryMessage[];
    messageInFlight: boolean;
  }> {
    const rows: HistoryRow[] = await this.ds.query(
      `SELECT ${entityColumnsSql(this.ds, Chat, 'c', 'chat_')}, h.*
         FROM chats c
         LEFT JOIN LATERAL (
           SELECT m.id, m.state, m.telegram_message_id, m.bot_id, b.name AS bot_name,
                  b.username AS bot_username, m.text, m.created_at, m.reply_to_db_id AS reply_to_id,
                  ${metadataString('first_name')} AS meta_first_name,
                  ${metadataString('username')} AS meta_username,
                  ${metadataString('topic')} AS meta_topic,
                  CASE WHEN jsonb_typeof(m.msg_metadata->'symbols') = 'array'
                       THEN m.msg_metadata->'symbols' END AS meta_symbols
             FROM messages m
             LEFT JOIN bots b ON b.id = m.bot_id
            WHERE m.chat_db_id = c.id AND m.kind = $2 AND m.state IN ($3, $4, $5)
            ORDER BY m.created_at DESC
            LIMIT ${HISTORY_LIMIT}
         ) h ON true
        WHERE c.id = $1`,
      [chatDbId, MessageKind.Text, MessageState.Sent, MessageState.Planned, MessageState.Sending],
    );
    if (rows.length === 0) {
      return { chat: null, history: [], messageInFlight: false };
    }
    const chat = hydrateEntity(this.ds, Chat, rows[0], 'chat_');
    const messages = rows.filter((r): r is HistoryRow & { id: number } => r.id !== null);
    const inFlightSince = Date.now() - IN_FLIGHT_WINDOW_MS;
    const messageInFlight = messages.some(
      (r) => r.state !== MessageState.Sent && r.created_at.getTime() > inFlightSince,
    );
    const history = messages
      .filter((r) => r.state === MessageState.Sent)
      .reverse()
      .map((r) => ({
        id: r.id,
        telegram_message_id: r.telegram_message_id,
        bot_id: r.bot_id,
        speaker: r.bot_name ?? r.meta_first_name ?? r.meta_username ?? 'üye',
        username: r.bot_username ?? r.meta_username,
        text: r.text,
        created_at: r.created_at,
        reply_to_id: r.reply_to_id,
        topic: r.meta_topic,
        symbols: (r.meta_symbols ?? []).filter((s): s is string => typeof s === 'string'),
      }));
    return { chat, history, messageInFlight };
  }
}
