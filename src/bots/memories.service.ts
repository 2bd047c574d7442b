import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainException } from '../common/errors/domain.exception';
import { DomainEventPublisher } from '../events/domain-event-publisher.service';
import { assertBotExists } from './bot-lookup';
import { toMemoryResponse } from './bot-views';
import { BotWriter } from './bot-writer.service';
import { CreateMemoryDto, MemoryResponse, UpdateMemoryDto } from './dto/memory.dto';
import { BotMemory } from './entities/bot-memory.entity';

@Injectable()
export class MemoriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: BotWriter,
    private readonly events: DomainEventPublisher,
  ) {}

  /** Most relevant first, as the prompt builder uses them. */
  async list(botId: number): Promise<MemoryResponse[]> {
    await assertBotExists(this.dataSource.manager, botId);
    const memories = await this.dataSource
      .getRepository(BotMemory)
      .find({ where: { botId }, order: { relevanceScore: 'DESC', id: 'ASC' } });
    return memories.map(toMemoryResponse);
  }

  async create(botId: number, dto: CreateMemoryDto): Promise<MemoryResponse> {
    const [memory] = await this.dataSource.transaction(async (m) => {
      await assertBotExists(m, botId);
      return this.writer.addMemories(m, botId, [dto]);
    });
    await this.events.publish({ type: 'bot_changed', bot_id: botId });
    return toMemoryResponse(
      await this.dataSource.getRepository(BotMemory).findOneByOrFail({ id: memory.id }),
    );
  }

  async update(id: number, dto: UpdateMemoryDto): Promise<MemoryResponse> {
    const repo = this.dataSource.getRepository(BotMemory);
    const memory = await repo.findOneBy({ id });
    if (!memory) {
      throw DomainException.notFound('Memory', id);
    }
    if (dto.memory_type !== undefined) memory.memoryType = dto.memory_type;
    if (dto.content !== undefined) memory.content = dto.content;
    if (dto.relevance_score !== undefined) memory.relevanceScore = dto.relevance_score;
    await repo.save(memory);
    await this.events.publish({ type: 'bot_changed', bot_id: memory.botId });
    return toMemoryResponse(await repo.findOneByOrFail({ id }));
  }

  async remove(id: number): Promise<void> {
    const repo = this.dataSource.getRepository(BotMemory);
    const memory = await repo.findOneBy({ id });
    if (!memory) {
      throw DomainException.notFound('Memory', id);
    }
    await repo.delete({ id });
    await this.events.publish({ type: 'bot_changed', bot_id: memory.botId });
  }
}
