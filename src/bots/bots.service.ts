import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, FindOptionsSelect } from 'typeorm';
import { DEFAULT_PAGE_LIMIT } from '../common/dto/page';
import { DomainException } from '../common/errors/domain.exception';
import { findJsonLimitViolation } from '../common/validation/json-limits.util';
import { DomainEventPublisher } from '../events/domain-event-publisher.service';
import { Message } from '../messages/entities/message.entity';
import { toBotResponse } from './bot-views';
import { BotWriter, withNormalizedPersona } from './bot-writer.service';
import { BotResponse } from './dto/bot-response.dto';
import { CreateBotDto } from './dto/create-bot.dto';
import { ListBotsQuery } from './dto/list-bots-query.dto';
import { UpdateBotDto } from './dto/update-bot.dto';
import { Bot } from './entities/bot.entity';
import { SharedReads } from '../common/shared-reads/shared-reads';

/** Every bot column except the token ciphertext: lists and reads never load (or decrypt) it. */
const PUBLIC_COLUMNS: FindOptionsSelect<Bot> = {
  id: true,
  name: true,
  tokenHint: true,
  username: true,
  isEnabled: true,
  speedProfile: true,
  activeHours: true,
  personaHint: true,
  personaProfile: true,
  emotionProfile: true,
  llmModel: true,
  status: true,
  lastError: true,
  lastErrorAt: true,
  createdAt: true,
  updatedAt: true,
};

export type ProfileKind = 'persona' | 'emotion';

/**
 * How long one bot list page is shared between requests. Every change to a bot made through the
 * API or a worker drops it at once (a mutating request here, or its bot_changed / bot_status
 * event from elsewhere); the time to live only bounds how long a change made outside them (SQL by
 * hand) can go unseen. Fifty dashboards polling the list then cost one query a second.
 */
const BOT_LIST_TTL_MS = 1000;

const PROFILE_FIELD = { persona: 'personaProfile', emotion: 'emotionProfile' } as const;

@Injectable()
export class BotsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: BotWriter,
    private readonly events: DomainEventPublisher,
    private readonly sharedReads: SharedReads,
  ) {}

  /**
   * The page as JSON text built by PostgreSQL in one round trip (page and total): listing 1,000
   * bots with their persona JSON otherwise spent most of its CPU hydrating entities, parsing
   * jsonb and dates and serialising them again. The item shape is toBotResponse's (a test
   * compares the two). Requests share one result for BOT_LIST_TTL_MS (SharedReads), as the
   * UTF-8 bytes of the response: a 100-bot page is ~100 KB, and encoding it for every request
   * cost more than the rest of serving it.
   */
  listJson(query: ListBotsQuery): Promise<Buffer> {
    return this.sharedReads.share(`bots.list ${JSON.stringify(query)}`, BOT_LIST_TTL_MS, async () =>
      Buffer.from(await this.readListJson(query)),
    );
  }

  private async readListJson(query: ListBotsQuery): Promise<string> {
    const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
    const offset = query.offset ?? 0;
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.search) {
      const pattern = param(`%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(b.name ILIKE ${pattern} OR b.username ILIKE ${pattern})`);
    }
    if (query.is_enabled !== undefined) {
      where.push(`b.is_enabled = ${param(query.is_enabled)}`);
    }
    if (query.status !== undefined) {
      where.push(`b.status = ${param(query.status)}`);
    }
    const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const iso = (column: string): string =>
      `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    const [row] = await this.dataSource.query<{ items: string; total: number }[]>(
      `WITH page AS (
         SELECT * FROM bots b ${filter} ORDER BY b.id LIMIT ${param(limit)} OFFSET ${param(offset)}
       )
       SELECT (SELECT count(*)::int FROM bots b ${filter}) AS total,
              coalesce(json_agg(json_build_object(
                'id', p.id, 'name', p.name, 'username', p.username, 'is_enabled', p.is_enabled,
                'speed_profile', p.speed_profile, 'active_hours', p.active_hours,
                'persona_hint', p.persona_hint, 'persona_profile', p.persona_profile,
                'emotion_profile', p.emotion_profile, 'llm_model', p.llm_model,
                'status', p.status, 'last_error', p.last_error,
                'last_error_at', ${iso('p.last_error_at')}, 'token_masked', p.token_hint,
                'has_token', p.token_hint IS NOT NULL, 'created_at', ${iso('p.created_at')},
                'updated_at', ${iso('p.updated_at')}) ORDER BY p.id), '[]')::text AS items
       FROM page p`,
      params,
    );
    return `{"items":${row.items},"total":${row.total},"limit":${limit},"offset":${offset}}`;
  }

  async get(id: number): Promise<BotResponse> {
    return toBotResponse(await this.findPublic(this.dataSource.manager, id));
  }

  async create(dto: CreateBotDto): Promise<BotResponse> {
    const bot = await this.dataSource.transaction((m) =>
      this.writer.create(m, dto, { seedMemories: true }),
    );
    await this.events.publish({ type: 'bot_changed', bot_id: bot.id });
    return this.get(bot.id);
  }

  async update(id: number, dto: UpdateBotDto): Promise<BotResponse> {
    await this.dataSource.transaction(async (m) => {
      const bot = await m.findOne(Bot, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!bot) {
        throw DomainException.notFound('Bot', id);
      }
      await this.writer.update(m, bot, dto);
    });
    await this.events.publish({ type: 'bot_changed', bot_id: id });
    return this.get(id);
  }

  /** History is kept (messages.bot_id set null) unless `purge` asks to delete it too. */
  async remove(id: number, purge: boolean): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await this.findPublic(m, id);
      if (purge) {
        await m.delete(Message, { botId: id });
      }
      await m.delete(Bot, { id });
    });
    await this.events.publish({ type: 'bot_changed', bot_id: id });
  }

  async getProfile(id: number, kind: ProfileKind): Promise<Record<string, unknown>> {
    return (await this.findPublic(this.dataSource.manager, id))[PROFILE_FIELD[kind]];
  }

  /** Validated and stored normalised (the variants of SPEC 7.2/7.12 are accepted). */
  async putProfile(id: number, kind: ProfileKind, body: unknown): Promise<Record<string, unknown>> {
    const field = `${kind}_profile` as const;
    const violation = findJsonLimitViolation(body);
    if (violation) {
      throw DomainException.validation([
        { field: `${field}${violation.path}`, reason: violation.reason },
      ]);
    }
    const profile = withNormalizedPersona({ [field]: body } as Record<typeof field, unknown>)[
      field
    ];
    const result = await this.dataSource
      .getRepository(Bot)
      .update({ id }, { [PROFILE_FIELD[kind]]: profile });
    if (result.affected === 0) {
      throw DomainException.notFound('Bot', id);
    }
    await this.events.publish({ type: 'bot_changed', bot_id: id });
    return this.getProfile(id, kind);
  }

  private async findPublic(m: EntityManager, id: number): Promise<Bot> {
    const bot = await m.findOne(Bot, { where: { id }, select: PUBLIC_COLUMNS });
    if (!bot) {
      throw DomainException.notFound('Bot', id);
    }
    return bot;
  }
}
