import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainException } from '../common/errors/domain.exception';
import { isUniqueViolation } from '../database/pg-errors';
import { DomainEventPublisher } from '../events/domain-event-publisher.service';
import { assertBotExists } from './bot-lookup';
import { toHoldingResponse } from './bot-views';
import { BotWriter } from './bot-writer.service';
import { HoldingResponse, UpdateHoldingDto, UpsertHoldingDto } from './dto/holding.dto';
import { BotHolding } from './entities/bot-holding.entity';

@Injectable()
export class HoldingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: BotWriter,
    private readonly events: DomainEventPublisher,
  ) {}

  async list(botId: number): Promise<HoldingResponse[]> {
    await assertBotExists(this.dataSource.manager, botId);
    const holdings = await this.dataSource
      .getRepository(BotHolding)
      .find({ where: { botId }, order: { symbol: 'ASC' } });
    return holdings.map(toHoldingResponse);
  }

  async upsert(botId: number, dto: UpsertHoldingDto): Promise<HoldingResponse> {
    const holding = await this.dataSource.transaction(async (m) => {
      await assertBotExists(m, botId);
      return this.writer.upsertHolding(m, botId, dto);
    });
    await this.events.publish({ type: 'bot_changed', bot_id: botId });
    return toHoldingResponse(holding);
  }

  async update(id: number, dto: UpdateHoldingDto): Promise<HoldingResponse> {
    const repo = this.dataSource.getRepository(BotHolding);
    const holding = await repo.findOneBy({ id });
    if (!holding) {
      throw DomainException.notFound('Holding', id);
    }
    if (dto.symbol !== undefined) holding.symbol = dto.symbol;
    if (dto.avg_price !== undefined) holding.avgPrice = dto.avg_price;
    if (dto.size !== undefined) holding.size = dto.size;
    if (dto.note !== undefined) holding.note = dto.note;
    try {
      await repo.save(holding);
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_bot_holdings_bot_symbol')) {
        throw DomainException.conflict('This bot already holds that symbol', [
          { field: 'symbol', reason: 'already held by this bot' },
        ]);
      }
      throw error;
    }
    await this.events.publish({ type: 'bot_changed', bot_id: holding.botId });
    return toHoldingResponse(await repo.findOneByOrFail({ id }));
  }

  async remove(id: number): Promise<void> {
    const repo = this.dataSource.getRepository(BotHolding);
    const holding = await repo.findOneBy({ id });
    if (!holding) {
      throw DomainException.notFound('Holding', id);
    }
    await repo.delete({ id });
    await this.events.publish({ type: 'bot_changed', bot_id: holding.botId });
  }
}
