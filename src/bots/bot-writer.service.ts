import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainException } from '../common/errors/domain.exception';
import { EncryptionService } from '../crypto/encryption.service';
import { isUniqueViolation } from '../database/pg-errors';
import {
  BotFieldsInput,
  CreateBotInput,
  HoldingInput,
  MemoryInput,
  StanceInput,
} from './bot-inputs';
import { tokenAssociatedData, tokenFingerprint, tokenHint } from './bot-token.util';
import { BotHolding } from './entities/bot-holding.entity';
import { BotMemory } from './entities/bot-memory.entity';
import { BotStance } from './entities/bot-stance.entity';
import { Bot, BotStatus } from './entities/bot.entity';
import { seedMemories } from './memories/memory-seeder';
import {
  PersonaField,
  preparePersonaFields,
  StoredPersonaFields,
} from './persona/persona-fields.util';

const DEFAULT_CONFIDENCE = 0.7;
const DEFAULT_RELEVANCE = 0.5;

function conflictOnToken(): DomainException {
  return DomainException.conflict('Another bot already uses this token', [
    { field: 'token', reason: 'is already used by another bot' },
  ]);
}

/**
 * The one place bot rows and their stances, holdings and memories are written. Every method takes
 * the caller's EntityManager so the API, the wizard, the importer and the demo creator can combine
 * them in a single transaction.
 */
@Injectable()
export class BotWriter {
  constructor(private readonly encryption: EncryptionService) {}

  /** Bot names are unique (case-insensitive): the importer matches bots by name. */
  async assertNameFree(
    m: EntityManager,
    name: string,
    exceptId = 0,
    field = 'name',
  ): Promise<void> {
    const taken = await m
      .createQueryBuilder(Bot, 'b')
      .where('lower(b.name) = lower(:name)', { name })
      .andWhere('b.id <> :exceptId', { exceptId })
      .getExists();
    if (taken) {
      throw DomainException.conflict(`A bot named "${name}" already exists`, [
        { field, reason: 'is already used by another bot' },
      ]);
    }
  }

  /** Inserts a bot (token encrypted once its id is known) and, unless told otherwise, seeds memories. */
  async create(
    m: EntityManager,
    input: CreateBotInput,
    options: { seedMemories: boolean },
  ): Promise<Bot> {
    // Absent persona fields are stored as their defaults: a bot shows what the engine will use.
    const fields = withNormalizedPersona({
      ...input,
      persona_profile: input.persona_profile ?? {},
      emotion_profile: input.emotion_profile ?? {},
      speed_profile: input.speed_profile ?? {},
      active_hours: input.active_hours ?? [],
    });
    await this.assertNameFree(m, fields.name);
    const bot = m.create(Bot, { name: fields.name });
    applyBotFields(bot, fields);
    const saved = await m.save(Bot, bot);
    if (fields.token) {
      await this.setToken(m, saved, fields.token);
    }
    if (options.seedMemories) {
      await this.addMemories(m, saved.id, seedMemories(fields));
    }
    return saved;
  }

  /** Applies the given fields; a token replaces (or, with null, clears) the stored one. */
  async update(
    m: EntityManager,
    bot: Bot,
    given: BotFieldsInput & { token?: string | null },
  ): Promise<Bot> {
    const input = withNormalizedPersona(given);
    if (input.name !== undefined && input.name !== bot.name) {
      await this.assertNameFree(m, input.name, bot.id);
    }
    applyBotFields(bot, input);
    if (input.status === BotStatus.Active) {
      bot.lastError = null;
      bot.lastErrorAt = null;
    }
    const saved = await m.save(Bot, bot);
    if (input.token !== undefined) {
      await this.setToken(m, saved, input.token, input.username === undefined);
    }
    return saved;
  }

  /**
   * Stores a token encrypted and bound to this bot's row, or clears it. A new token belongs to a
   * different Telegram bot, so a stale username is dropped and a token error is cleared.
   */
  async setToken(
    m: EntityManager,
    bot: Bot,
    token: string | null,
    dropUsername = false,
  ): Promise<void> {
    if (token === null || token === '') {
      Object.assign(bot, { tokenCiphertext: null, tokenHint: null, tokenFingerprint: null });
    } else {
      const fingerprint = tokenFingerprint(token);
      if (fingerprint === bot.tokenFingerprint) {
        return;
      }
      const holder = await m.findOne(Bot, {
        where: { tokenFingerprint: fingerprint },
        select: { id: true },
      });
      if (holder && holder.id !== bot.id) {
        throw conflictOnToken();
      }
      Object.assign(bot, {
        tokenCiphertext: this.encryption.encrypt(token, tokenAssociatedData(bot.id)),
        tokenHint: tokenHint(token),
        tokenFingerprint: fingerprint,
      });
      if (dropUsername) {
        bot.username = null;
      }
      if (bot.status === BotStatus.Error) {
        Object.assign(bot, { status: BotStatus.Active, lastError: null, lastErrorAt: null });
      }
    }
    try {
      await m.update(Bot, bot.id, {
        tokenCiphertext: bot.tokenCiphertext,
        tokenHint: bot.tokenHint,
        tokenFingerprint: bot.tokenFingerprint,
        username: bot.username,
        status: bot.status,
        lastError: bot.lastError,
        lastErrorAt: bot.lastErrorAt,
      });
    } catch (error) {
      throw isUniqueViolation(error, 'UQ_bots_token_fingerprint') ? conflictOnToken() : error;
    }
  }

  /** Creates the stance, or replaces the one on the same topic (updated_at refreshed either way). */
  async upsertStance(m: EntityManager, botId: number, input: StanceInput): Promise<BotStance> {
    const sets = ['stance_text = EXCLUDED.stance_text', 'updated_at = now()'];
    if (input.confidence !== undefined) {
      sets.push('confidence = EXCLUDED.confidence');
    }
    if (input.cooldown_until !== undefined) {
      sets.push('cooldown_until = EXCLUDED.cooldown_until');
    }
    const rows = await m.query<{ id: number }[]>(
      `INSERT INTO bot_stances (bot_id, topic, stance_text, confidence, cooldown_until)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (bot_id, topic) DO UPDATE SET ${sets.join(', ')}
       RETURNING id`,
      [
        botId,
        input.topic,
        input.stance_text,
        input.confidence ?? DEFAULT_CONFIDENCE,
        input.cooldown_until ?? null,
      ],
    );
    return m.findOneByOrFail(BotStance, { id: rows[0].id });
  }

  /** Creates the holding, or updates the one with the same symbol: only given fields overwrite. */
  async upsertHolding(m: EntityManager, botId: number, input: HoldingInput): Promise<BotHolding> {
    const sets = ['updated_at = now()'];
    for (const [field, column] of [
      ['avg_price', 'avg_price'],
      ['size', 'size'],
      ['note', 'note'],
    ] as const) {
      if (input[field] !== undefined) {
        sets.push(`${column} = EXCLUDED.${column}`);
      }
    }
    const rows = await m.query<{ id: number }[]>(
      `INSERT INTO bot_holdings (bot_id, symbol, avg_price, size, note)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (bot_id, symbol) DO UPDATE SET ${sets.join(', ')}
       RETURNING id`,
      [
        botId,
        input.symbol.toUpperCase(),
        input.avg_price ?? null,
        input.size ?? null,
        input.note ?? null,
      ],
    );
    return m.findOneByOrFail(BotHolding, { id: rows[0].id });
  }

  async addMemories(
    m: EntityManager,
    botId: number,
    memories: MemoryInput[],
  ): Promise<BotMemory[]> {
    if (memories.length === 0) {
      return [];
    }
    return m.save(
      BotMemory,
      memories.map((memory) =>
        m.create(BotMemory, {
          botId,
          memoryType: memory.memory_type,
          content: memory.content,
          relevanceScore: memory.relevance_score ?? DEFAULT_RELEVANCE,
        }),
      ),
    );
  }
}

/**
 * The input with its persona fields validated and normalised (SPEC 7.2/7.12), so that what is
 * stored is what the engine uses; a clearly wrong value is a validation error naming the field.
 */
export function withNormalizedPersona<T extends Partial<Record<PersonaField, unknown>>>(
  input: T,
): T & StoredPersonaFields {
  const { fields, errors } = preparePersonaFields(input);
  if (errors.length > 0) {
    throw DomainException.validation(errors);
  }
  return { ...input, ...fields };
}

/** Copies the given REST fields onto the entity (undefined = not given = unchanged). */
export function applyBotFields(bot: Bot, input: BotFieldsInput): void {
  const assign = <K extends keyof Bot>(key: K, value: Bot[K] | undefined): void => {
    if (value !== undefined) {
      bot[key] = value;
    }
  };
  assign('name', input.name);
  assign('username', input.username);
  assign('isEnabled', input.is_enabled);
  assign('speedProfile', input.speed_profile);
  assign('activeHours', input.active_hours);
  assign('personaHint', input.persona_hint);
  assign('personaProfile', input.persona_profile);
  assign('emotionProfile', input.emotion_profile);
  assign('llmModel', input.llm_model);
  assign('status', input.status);
}
