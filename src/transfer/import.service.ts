import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BotFieldsInput } from '../bots/bot-inputs';
import { tokenFingerprint } from '../bots/bot-token.util';
import { applyBotFields, BotWriter } from '../bots/bot-writer.service';
import {
  PERSONA_FIELDS,
  PersonaField,
  preparePersonaFields,
} from '../bots/persona/persona-fields.util';
import { BotHolding } from '../bots/entities/bot-holding.entity';
import { BotMemory } from '../bots/entities/bot-memory.entity';
import { BotStance } from '../bots/entities/bot-stance.entity';
import { Bot } from '../bots/entities/bot.entity';
import { ChatWriter } from '../chats/chat-writer.service';
import { ChatBot, ChatBotStatus } from '../chats/entities/chat-bot.entity';
import { Chat } from '../chats/entities/chat.entity';
import { DomainException, FieldError } from '../common/errors/domain.exception';
import { DomainEvent } from '../events/domain-events';
import { DomainEventPublisher } from '../events/domain-event-publisher.service';
import { Setting } from '../settings/entities/setting.entity';
import { sameJson, sameReal } from './canonical-json';
import { emptySummary, ImportEntity, ImportReport } from './import-report';
import { parseSetupFile, PlannedBot, PlannedChat, SetupPlan } from './setup-file.parser';

/**
 * A stored bot field as the importer compares it: persona fields normalised, so that a row
 * written before normalisation (or with `{}`) is not reported as changed by a file that only
 * spells the same persona out.
 */
function storedValue(bot: Bot, field: keyof BotFieldsInput, column: keyof Bot): unknown {
  if ((PERSONA_FIELDS as readonly string[]).includes(field)) {
    return preparePersonaFields({ [field]: bot[column] }).fields[field as PersonaField];
  }
  return bot[column];
}

/** Thrown inside the transaction to roll a dry run back after it has counted everything. */
class DryRunRollback extends Error {}

interface Run {
  report: ImportReport;
  errors: FieldError[];
  events: DomainEvent[];
  botIds: Map<string, number>;
}

const BOT_FIELD_COLUMNS: [keyof BotFieldsInput, keyof Bot][] = [
  ['username', 'username'],
  ['is_enabled', 'isEnabled'],
  ['speed_profile', 'speedProfile'],
  ['active_hours', 'activeHours'],
  ['persona_hint', 'personaHint'],
  ['persona_profile', 'personaProfile'],
  ['emotion_profile', 'emotionProfile'],
  ['llm_model', 'llmModel'],
];

/**
 * POST /import. Validation first (every problem, with its path); then one transaction that
 * matches bots by name and chats by chat_id and counts created / updated / unchanged. A dry run
 * does the same work and rolls back. Importing the same file twice changes nothing the second time.
 */
@Injectable()
export class ImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bots: BotWriter,
    private readonly chats: ChatWriter,
    private readonly events: DomainEventPublisher,
  ) {}

  async run(raw: unknown, dryRun: boolean): Promise<ImportReport> {
    const { plan, errors } = parseSetupFile(raw);
    if (errors.length > 0) {
      throw DomainException.validation(
        errors,
        `The file has ${errors.length} problem(s); nothing was imported`,
      );
    }
    const run: Run = {
      report: {
        dry_run: dryRun,
        summary: emptySummary(),
        unknown_settings: plan.unknown_settings,
        notices: plan.notices,
      },
      errors: [],
      events: [],
      botIds: new Map(),
    };
    try {
      await this.dataSource.transaction(async (m) => {
        await this.apply(m, plan, run);
        if (run.errors.length > 0) {
          throw DomainException.validation(
            run.errors,
            `The file has ${run.errors.length} problem(s); nothing was imported`,
          );
        }
        if (dryRun) {
          throw new DryRunRollback();
        }
      });
    } catch (error) {
      if (!(error instanceof DryRunRollback)) {
        throw error;
      }
    }
    if (!dryRun) {
      await this.events.publish(...run.events);
    }
    return run.report;
  }

  private count(
    run: Run,
    entity: ImportEntity,
    outcome: 'created' | 'updated' | 'unchanged',
  ): void {
    run.report.summary[entity][outcome] += 1;
  }

  private async apply(m: EntityManager, plan: SetupPlan, run: Run): Promise<void> {
    for (const { key, value } of plan.settings) {
      const row = await m.findOneBy(Setting, { key });
      if (row && sameJson(row.value, value)) {
        this.count(run, 'settings', 'unchanged');
        continue;
      }
      await m.query(
        `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2::jsonb, now())
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        [key, JSON.stringify(value)],
      );
      this.count(run, 'settings', row ? 'updated' : 'created');
    }
    for (const bot of plan.bots) {
      await this.applyBot(m, bot, run);
    }
    for (const chat of plan.chats) {
      await this.applyChat(m, chat, run);
    }
  }

  private async applyBot(m: EntityManager, planned: PlannedBot, run: Run): Promise<void> {
    let bot = await m
      .createQueryBuilder(Bot, 'b')
      .where('lower(b.name) = lower(:name)', { name: planned.name })
      .orderBy('b.id', 'ASC')
      .getOne();
    if (planned.token.kind === 'real') {
      const holder = await m.findOne(Bot, {
        where: { tokenFingerprint: tokenFingerprint(planned.token.value) },
        select: { id: true, name: true },
      });
      if (holder && holder.id !== bot?.id) {
        run.errors.push({
          field: `${planned.path}.token`,
          reason: `is already used by bot "${holder.name}"`,
        });
        return;
      }
    }
    const fields = { ...planned.fields };
    // A placeholder token means "not set up yet": the bot stays disabled until it gets a real
    // token — also on a re-import, which keeps a second import of the same file a no-op.
    if (planned.token.kind === 'placeholder' && !bot?.tokenHint) {
      fields.is_enabled = false;
    }
    if (!bot) {
      bot = await this.bots.create(
        m,
        {
          ...fields,
          name: planned.name,
          token: planned.token.kind === 'real' ? planned.token.value : null,
        },
        { seedMemories: planned.memories === undefined },
      );
      this.count(run, 'bots', 'created');
      if (planned.memories === undefined) {
        run.report.summary.memories.created += await m.countBy(BotMemory, { botId: bot.id });
      }
    } else {
      const stored = bot;
      const changed = BOT_FIELD_COLUMNS.some(
        ([field, column]) =>
          fields[field] !== undefined &&
          !sameJson(fields[field], storedValue(stored, field, column)),
      );
      const tokenChanged =
        planned.token.kind === 'real' &&
        bot.tokenFingerprint !== tokenFingerprint(planned.token.value);
      if (changed) {
        applyBotFields(bot, fields);
        bot = await m.save(Bot, bot);
      }
      if (tokenChanged && planned.token.kind === 'real') {
        await this.bots.setToken(m, bot, planned.token.value, fields.username === undefined);
      }
      this.count(run, 'bots', changed || tokenChanged ? 'updated' : 'unchanged');
    }
    const botId = bot.id;
    run.botIds.set(planned.name.toLocaleLowerCase('tr'), botId);
    await this.applyStances(m, botId, planned, run);
    await this.applyHoldings(m, botId, planned, run);
    await this.applyMemories(m, botId, planned, run);
    run.events.push({ type: 'bot_changed', bot_id: botId });
  }

  private async applyStances(
    m: EntityManager,
    botId: number,
    planned: PlannedBot,
    run: Run,
  ): Promise<void> {
    for (const stance of planned.stances ?? []) {
      const existing = await m.findOneBy(BotStance, { botId, topic: stance.topic });
      const same =
        existing !== null &&
        existing.stanceText === stance.stance_text &&
        (stance.confidence === undefined || sameReal(existing.confidence, stance.confidence)) &&
        (stance.cooldown_until === undefined ||
          (existing.cooldownUntil?.getTime() ?? null) ===
            (stance.cooldown_until === null ? null : new Date(stance.cooldown_until).getTime()));
      if (same) {
        this.count(run, 'stances', 'unchanged');
        continue;
      }
      await this.bots.upsertStance(m, botId, stance);
      this.count(run, 'stances', existing ? 'updated' : 'created');
    }
  }

  private async applyHoldings(
    m: EntityManager,
    botId: number,
    planned: PlannedBot,
    run: Run,
  ): Promise<void> {
    for (const holding of planned.holdings ?? []) {
      const existing = await m.findOneBy(BotHolding, { botId, symbol: holding.symbol });
      const same =
        existing !== null &&
        (holding.avg_price === undefined || existing.avgPrice === holding.avg_price) &&
        (holding.size === undefined || existing.size === holding.size) &&
        (holding.note === undefined || existing.note === holding.note);
      if (same) {
        this.count(run, 'holdings', 'unchanged');
        continue;
      }
      await this.bots.upsertHolding(m, botId, holding);
      this.count(run, 'holdings', existing ? 'updated' : 'created');
    }
  }

  /** Memories match by type and content; a changed relevance updates the match. */
  private async applyMemories(
    m: EntityManager,
    botId: number,
    planned: PlannedBot,
    run: Run,
  ): Promise<void> {
    for (const memory of planned.memories ?? []) {
      const existing = await m.findOneBy(BotMemory, {
        botId,
        memoryType: memory.memory_type,
        content: memory.content,
      });
      if (!existing) {
        await this.bots.addMemories(m, botId, [memory]);
        this.count(run, 'memories', 'created');
      } else if (
        memory.relevance_score !== undefined &&
        !sameReal(existing.relevanceScore, memory.relevance_score)
      ) {
        await m.update(BotMemory, { id: existing.id }, { relevanceScore: memory.relevance_score });
        this.count(run, 'memories', 'updated');
      } else {
        this.count(run, 'memories', 'unchanged');
      }
    }
  }

  private async applyChat(m: EntityManager, planned: PlannedChat, run: Run): Promise<void> {
    const existing = await m.findOneBy(Chat, { chatId: planned.chat_id });
    let chat: Chat;
    if (!existing) {
      chat = await this.chats.create(m, planned);
      this.count(run, 'chats', 'created');
    } else {
      const changed =
        (planned.title !== undefined && planned.title !== existing.title) ||
        (planned.is_enabled !== undefined && planned.is_enabled !== existing.isEnabled) ||
        (planned.topics !== undefined && !sameJson(planned.topics, existing.topics)) ||
        (planned.timezone !== undefined && planned.timezone !== existing.timezone);
      chat = changed ? await this.chats.update(m, existing, planned) : existing;
      this.count(run, 'chats', changed ? 'updated' : 'unchanged');
    }
    for (const [index, name] of (planned.bots ?? []).entries()) {
      const key = name.toLocaleLowerCase('tr');
      const botId =
        run.botIds.get(key) ??
        (
          await m
            .createQueryBuilder(Bot, 'b')
            .where('lower(b.name) = lower(:name)', { name })
            .getOne()
        )?.id;
      if (botId === undefined) {
        run.errors.push({
          field: `${planned.path}.bots[${index}]`,
          reason: `no bot named "${name}"`,
        });
        continue;
      }
      const row = await m.findOneBy(ChatBot, { chatDbId: chat.id, botId });
      if (row) {
        this.count(run, 'memberships', 'unchanged');
      } else {
        await m.insert(ChatBot, { chatDbId: chat.id, botId, status: ChatBotStatus.Member });
        this.count(run, 'memberships', 'created');
      }
    }
    run.events.push({ type: 'chat_changed', chat_id: chat.id });
  }
}
