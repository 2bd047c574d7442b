import { Type } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, FindOptionsOrder, FindOptionsWhere, Repository } from 'typeorm';
import { DomainException } from '../common/errors/domain.exception';
import { isUniqueViolation } from '../database/pg-errors';
import { DomainEventPublisher } from '../events/domain-event-publisher.service';
import { assertBotExists } from './bot-lookup';
import { BotWriter } from './bot-writer.service';

/** The columns every row a bot owns has. */
export interface BotChildRow {
  id: number;
  botId: number;
}

/** A unique index a PATCH can run into, and the 409 that names the field instead of a 500. */
interface UniqueKey {
  constraint: string;
  message: string;
  field: string;
  reason: string;
}

/** TypeORM cannot resolve FindOptionsWhere over a generic entity; both columns are on every row. */
function whereRow<TRow extends BotChildRow>(columns: Partial<BotChildRow>): FindOptionsWhere<TRow> {
  return columns as FindOptionsWhere<TRow>;
}

/**
 * The rows a bot owns (stances, holdings, memories) behind one contract: 404 when the bot or the row
 * is missing, a `bot_changed` event after every write so the workers reload the bot, and the row
 * re-read after a PATCH so the answer shows what is stored. A subclass says which entity it is, how
 * a POST writes it and how a PATCH applies.
 */
export abstract class BotChildService<TRow extends BotChildRow, TResponse, TCreate, TUpdate> {
  protected abstract readonly entity: Type<TRow>;
  /** Names the row in "<label> <id> not found". */
  protected abstract readonly label: string;
  protected abstract readonly order: FindOptionsOrder<TRow>;
  protected abstract readonly toResponse: (row: TRow) => TResponse;
  /** The unique index a PATCH can run into; null when the rows have none. */
  protected abstract readonly uniqueKey: UniqueKey | null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    protected readonly writer: BotWriter,
    private readonly events: DomainEventPublisher,
  ) {}

  /** Writes the row a POST asks for, inside the transaction that checked the bot exists. */
  protected abstract write(m: EntityManager, botId: number, dto: TCreate): Promise<TRow>;

  /** Copies the fields a PATCH gives onto the row (undefined = not given = unchanged). */
  protected abstract applyChanges(row: TRow, dto: TUpdate): void;

  async list(botId: number): Promise<TResponse[]> {
    await assertBotExists(this.dataSource.manager, botId);
    const rows = await this.repository().find({
      where: whereRow<TRow>({ botId }),
      order: this.order,
    });
    return rows.map((row) => this.toResponse(row));
  }

  async create(botId: number, dto: TCreate): Promise<TResponse> {
    const row = await this.dataSource.transaction(async (m) => {
      await assertBotExists(m, botId);
      return this.write(m, botId, dto);
    });
    await this.events.publish({ type: 'bot_changed', bot_id: botId });
    return this.toResponse(row);
  }

  async update(id: number, dto: TUpdate): Promise<TResponse> {
    const row = await this.findOrFail(id);
    this.applyChanges(row, dto);
    try {
      await this.repository().save(row);
    } catch (error) {
      const key = this.uniqueKey;
      if (key && isUniqueViolation(error, key.constraint)) {
        throw DomainException.conflict(key.message, [{ field: key.field, reason: key.reason }]);
      }
      throw error;
    }
    await this.events.publish({ type: 'bot_changed', bot_id: row.botId });
    return this.toResponse(await this.repository().findOneByOrFail(whereRow<TRow>({ id })));
  }

  async remove(id: number): Promise<void> {
    const row = await this.findOrFail(id);
    await this.repository().delete(id);
    await this.events.publish({ type: 'bot_changed', bot_id: row.botId });
  }

  private repository(): Repository<TRow> {
    return this.dataSource.getRepository(this.entity);
  }

  private async findOrFail(id: number): Promise<TRow> {
    const row = await this.repository().findOneBy(whereRow<TRow>({ id }));
    if (!row) {
      throw DomainException.notFound(this.label, id);
    }
    return row;
  }
}
