import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BotChildService } from './bot-child.service';
import { toHoldingResponse } from './bot-views';
import { HoldingResponse, UpdateHoldingDto, UpsertHoldingDto } from './dto/holding.dto';
import { BotHolding } from './entities/bot-holding.entity';

/** A bot's simulated portfolio: a POST updates the holding of the same symbol. */
@Injectable()
export class HoldingsService extends BotChildService<
  BotHolding,
  HoldingResponse,
  UpsertHoldingDto,
  UpdateHoldingDto
> {
  protected readonly entity = BotHolding;
  protected readonly label = 'Holding';
  protected readonly order = { symbol: 'ASC' } as const;
  protected readonly toResponse = toHoldingResponse;
  protected readonly uniqueKey = {
    constraint: 'UQ_bot_holdings_bot_symbol',
    message: 'This bot already holds that symbol',
    field: 'symbol',
    reason: 'already held by this bot',
  };

  protected write(m: EntityManager, botId: number, dto: UpsertHoldingDto): Promise<BotHolding> {
    return this.writer.upsertHolding(m, botId, dto);
  }

  protected applyChanges(holding: BotHolding, dto: UpdateHoldingDto): void {
    if (dto.symbol !== undefined) holding.symbol = dto.symbol;
    if (dto.avg_price !== undefined) holding.avgPrice = dto.avg_price;
    if (dto.size !== undefined) holding.size = dto.size;
    if (dto.note !== undefined) holding.note = dto.note;
  }
}
