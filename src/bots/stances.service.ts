import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BotChildService } from './bot-child.service';
import { toStanceResponse } from './bot-views';
import { StanceResponse, UpdateStanceDto, UpsertStanceDto } from './dto/stance.dto';
import { BotStance } from './entities/bot-stance.entity';

/** A bot's stances: a POST replaces the stance on the same topic. */
@Injectable()
export class StancesService extends BotChildService<
  BotStance,
  StanceResponse,
  UpsertStanceDto,
  UpdateStanceDto
> {
  protected readonly entity = BotStance;
  protected readonly label = 'Stance';
  protected readonly order = { topic: 'ASC' } as const;
  protected readonly toResponse = toStanceResponse;
  protected readonly uniqueKey = {
    constraint: 'UQ_bot_stances_bot_topic',
    message: 'This bot already has a stance on that topic',
    field: 'topic',
    reason: 'already has a stance for this bot',
  };

  protected write(m: EntityManager, botId: number, dto: UpsertStanceDto): Promise<BotStance> {
    return this.writer.upsertStance(m, botId, dto);
  }

  protected applyChanges(stance: BotStance, dto: UpdateStanceDto): void {
    if (dto.topic !== undefined) stance.topic = dto.topic;
    if (dto.stance_text !== undefined) stance.stanceText = dto.stance_text;
    if (dto.confidence !== undefined) stance.confidence = dto.confidence;
    if (dto.cooldown_until !== undefined) {
      stance.cooldownUntil = dto.cooldown_until === null ? null : new Date(dto.cooldown_until);
    }
  }
}
