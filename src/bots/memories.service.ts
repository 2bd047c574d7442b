import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BotChildService } from './bot-child.service';
import { toMemoryResponse } from './bot-views';
import { CreateMemoryDto, MemoryResponse, UpdateMemoryDto } from './dto/memory.dto';
import { BotMemory } from './entities/bot-memory.entity';

/** A bot's memories, listed most relevant first as the prompt builder uses them. */
@Injectable()
export class MemoriesService extends BotChildService<
  BotMemory,
  MemoryResponse,
  CreateMemoryDto,
  UpdateMemoryDto
> {
  protected readonly entity = BotMemory;
  protected readonly label = 'Memory';
  protected readonly order = { relevanceScore: 'DESC', id: 'ASC' } as const;
  protected readonly toResponse = toMemoryResponse;
  protected readonly uniqueKey = null;

  /** Re-read: the saved entity lacks the columns the database fills in (usage_count). */
  protected async write(m: EntityManager, botId: number, dto: CreateMemoryDto): Promise<BotMemory> {
    const [memory] = await this.writer.addMemories(m, botId, [dto]);
    return m.findOneByOrFail(BotMemory, { id: memory.id });
  }

  protected applyChanges(memory: BotMemory, dto: UpdateMemoryDto): void {
    if (dto.memory_type !== undefined) memory.memoryType = dto.memory_type;
    if (dto.content !== undefined) memory.content = dto.content;
    if (dto.relevance_score !== undefined) memory.relevanceScore = dto.relevance_score;
  }
}
