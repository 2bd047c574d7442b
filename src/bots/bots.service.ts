import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, FindOptionsSelect } from 'typeorm';
import { DEFAULT_PAGE_LIMIT, Page } from '../common/dto/page';
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

const PROFILE_FIELD = { persona: 'personaProfile', emotion: 'emotionProfile' } as const;

@Injectable()
export class BotsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: BotWriter,
    private readonly events: DomainEventPublisher,
  ) {}

  /** One query for the page and one for the count, whatever the number of bots. */
  async list(query: ListBotsQuery): Promise<Page<BotResponse>> {
    const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
    const offset = query.offset ?? 0;
    const qb = this.dataSource
      .getRepository(Bot)
      .createQueryBuilder('b')
      .select(Object.keys(PUBLIC_COLUMNS).map((c) => `b.${c}`))
      .orderBy('b.id', 'ASC')
      .take(limit)
      .skip(offset);
    if (query.search) {
      const pattern = `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(
        new Brackets((w) => {
          w.where('b.name ILIKE :pattern', { pattern }).orWhere('b.username ILIKE :pattern', {
            pattern,
          });
        }),
      );
    }
    if (query.is_enabled !== undefined) {
      qb.andWhere('b.isEnabled = :enabled', { enabled: query.is_enabled });
    }
    if (query.status !== undefined) {
      qb.andWhere('b.status = :status', { status: query.status });
    }
    const [bots, total] = await qb.getManyAndCount();
    return { items: bots.map(toBotResponse), total, limit, offset };
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
