import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainException } from '../common/errors/domain.exception';
import { isUniqueViolation } from '../database/pg-errors';
import { DomainEventPublisher } from '../events/domain-event-publisher.service';
import { assertBotExists } from './bot-lookup';
import { toStanceResponse } from './bot-views';
import { BotWriter } from './bot-writer.service';
import { StanceResponse, UpdateStanceDto, UpsertStanceDto } from './dto/stance.dto';
import { BotStance } from './entities/bot-stance.entity';

@Injectable()
export class StancesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: BotWriter,
    private readonly events: DomainEventPublisher,
  ) {}

  async list(botId: number): Promise<StanceResponse[]> {
    await assertBotExists(this.dataSource.manager, botId);
    const stances = await this.dataSource
      .getRepository(BotStance)
      .find({ where: { botId }, order: { topic: 'ASC' } });
    return stances.map(toStanceResponse);
  }

  async upsert(botId: number, dto: UpsertStanceDto): Promise<StanceResponse> {
    const stance = await this.dataSource.transaction(async (m) => {
      await assertBotExists(m, botId);
      return this.writer.upsertStance(m, botId, dto);
    });
    await this.events.publish({ type: 'bot_changed', bot_id: botId });
    return toStanceResponse(stance);
  }

  async update(id: number, dto: UpdateStanceDto): Promise<StanceResponse> {
    const repo = this.dataSource.getRepository(BotStance);
    const stance = await repo.findOneBy({ id });
    if (!stance) {
      throw DomainException.notFound('Stance', id);
    }
    if (dto.topic !== undefined) stance.topic = dto.topic;
    if (dto.stance_text !== undefined) stance.stanceText = dto.stance_text;
    if (dto.confidence !== undefined) stance.confidence = dto.confidence;
    if (dto.cooldown_until !== undefined) {
      stance.cooldownUntil = dto.cooldown_until === null ? null : new Date(dto.cooldown_until);
    }
    try {
      await repo.save(stance);
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_bot_stances_bot_topic')) {
        throw DomainException.conflict('This bot already has a stance on that topic', [
          { field: 'topic', reason: 'already has a stance for this bot' },
        ]);
      }
      throw error;
    }
    await this.events.publish({ type: 'bot_changed', bot_id: stance.botId });
    return toStanceResponse(await repo.findOneByOrFail({ id }));
  }

  async remove(id: number): Promise<void> {
    const repo = this.dataSource.getRepository(BotStance);
    const stance = await repo.findOneBy({ id });
    if (!stance) {
      throw DomainException.notFound('Stance', id);
    }
    await repo.delete({ id });
    await this.events.publish({ type: 'bot_changed', bot_id: stance.botId });
  }
}
