import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { BotContext, BotContextCache } from '../../bot-context/bot-context-cache.service';
import { Bot } from '../../bots/entities/bot.entity';
import { BotMemory } from '../../bots/entities/bot-memory.entity';
import { BotPersona, normalizeBotPersona } from '../../bots/persona/bot-persona-normalizer';
import { Chat } from '../../chats/entities/chat.entity';
import {
  entityColumnsSql,
  hydrateEntity,
  hydrateEntityFromJson,
} from '../../database/hydrate-entity.util';
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

/** A history entry as chatWithHistory's JSON carries it (timestamps as ISO text). */
interface HistoryJson {
  id: number;
  state: MessageState;
  telegram_message_id: number | null;
  bot_id: number | null;
  bot_name: string | null;
  bot_username: string | null;
  text: string;
  created_at: string;
  reply_to_id: number | null;
  /** The few metadata fields a history entry uses; each null unless it holds a string. */
  meta_first_name: string | null;
  meta_username: string | null;
  meta_topic: string | null;
  /** msg_metadata.symbols when it is an array (its items unchecked). */
  meta_symbols: unknown[] | null;
}

/** A roster entry as chatWithHistory's JSON carries it: the bot row by column name. */
interface RosterJson {
  bot: Record<string, unknown>;
  membership: PlannerBot['membership'];
}

/** chatWithHistory's one row: the chat's columns (chat_*), its history and member roster. */
interface ChatRow extends Record<string, unknown> {
  history: HistoryJson[];
  roster: RosterJson[];
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
    const loaded = await this.chatWithHistory(chatDbId);
    if (!loaded) {
      return null;
    }
    const { chat, history, messageInFlight } = loaded;
    // The chat's members come with it; a chat without enabled members needs the fleet rule.
    const roster = loaded.members.length > 0 ? loaded.members : await this.rosterByRule(chatDbId);
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
   * The chat's candidate bots by the rule of chat-bot.entity.ts when the chat has no enabled
   * member (chatWithHistory reads the members): every enabled bot if the chat has no member rows,
   * none if its members are all disabled. The rule as one condition cannot use an index and reads
   * every bot of the fleet, which is why the members come first, through an index lookup.
   */
  private async rosterByRule(chatDbId: number): Promise<RosterEntry[]> {
    const { entities, raw } = await this.ds
      .getRepository(Bot)
      .createQueryBuilder('b')
      .leftJoin(ChatBot, 'cb', 'cb.bot_id = b.id AND cb.chat_db_id = :chatDbId', { chatDbId })
      .andWhere(
        `(cb.status = :member OR NOT EXISTS (
           SELECT 1 FROM chat_bots m WHERE m.chat_db_id = :chatDbId AND m.status = :member))`,
        { member: ChatBotStatus.Member },
      )
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
   * In one statement, one row: the chat, its recent text messages (planned, sending or sent; the
   * newest HISTORY_LIMIT) and its enabled member bots (with every column of the bot row, by the
   * rule of chat-bot.entity.ts), history and members as JSON. Then whether a newer text message
   * of the chat is still on its way (planned or sending, within IN_FLIGHT_WINDOW_MS). A turn's
   * statements are a large share of its cost, and a joined history would repeat the chat's
   * columns on each of its forty rows. Null when the chat does not exist.
   */
  private async chatWithHistory(chatDbId: number): Promise<{
    chat: Chat;
    members: RosterEntry[];
    history: HistoryMessage[];
    messageInFlight: boolean;
  } | null> {
    const rows: ChatRow[] = await this.ds.query(
      `SELECT ${entityColumnsSql(this.ds, Chat, 'c', 'chat_')},
              (SELECT coalesce(json_agg(h ORDER BY h.created_at DESC), '[]')
                 FROM (SELECT m.id, m.state, m.telegram_message_id, m.bot_id, b.name AS bot_name,
                              b.username AS bot_username, m.text, m.created_at,
                              m.reply_to_db_id AS reply_to_id,
                              ${metadataString('first_name')} AS meta_first_name,
                              ${metadataString('username')} AS meta_username,
                              ${metadataString('topic')} AS meta_topic,
                              CASE WHEN jsonb_typeof(m.msg_metadata->'symbols') = 'array'
                                   THEN m.msg_metadata->'symbols' END AS meta_symbols
                         FROM messages m
                         LEFT JOIN bots b ON b.id = m.bot_id
                        WHERE m.chat_db_id = c.id AND m.kind = $2 AND m.state IN ($3, $4, $5)
                        ORDER BY m.created_at DESC
                        LIMIT ${HISTORY_LIMIT}) h) AS history,
              (SELECT coalesce(json_agg(json_build_object('bot', to_jsonb(b), 'membership', cb.status)
                                        ORDER BY b.id), '[]')
                 FROM chat_bots cb
                 JOIN bots b ON b.id = cb.bot_id
                WHERE cb.chat_db_id = c.id AND cb.status = $6 AND b.is_enabled) AS roster
         FROM chats c
        WHERE c.id = $1`,
      [
        chatDbId,
        MessageKind.Text,
        MessageState.Sent,
        MessageState.Planned,
        MessageState.Sending,
        ChatBotStatus.Member,
      ],
    );
    if (rows.length === 0) {
      return null;
    }
    const [row] = rows;
    const chat = hydrateEntity(this.ds, Chat, row, 'chat_');
    const members = row.roster.map(({ bot, membership }) => ({
      bot: hydrateEntityFromJson(this.ds, Bot, bot),
      membership,
    }));
    // Newest first from PostgreSQL.
    const messages = row.history.map((m) => ({ ...m, created_at: new Date(m.created_at) }));
    const inFlightSince = Date.now() - IN_FLIGHT_WINDOW_MS;
    const messageInFlight = messages.some(
      (m) => m.state !== MessageState.Sent && m.created_at.getTime() > inFlightSince,
    );
    const history = messages
      .filter((m) => m.state === MessageState.Sent)
      .reverse()
      .map((m) => ({
        id: m.id,
        telegram_message_id: m.telegram_message_id,
        bot_id: m.bot_id,
        speaker: m.bot_name ?? m.meta_first_name ?? m.meta_username ?? 'üye',
        username: m.bot_username ?? m.meta_username,
        text: m.text,
        created_at: m.created_at,
        reply_to_id: m.reply_to_id,
        topic: m.meta_topic,
        symbols: (m.meta_symbols ?? []).filter((s): s is string => typeof s === 'string'),
      }));
    return { chat, members, history, messageInFlight };
  }
}
