import { BotChildController } from './bot-child.controller';
import { CreateMemoryDto, MemoryResponse, UpdateMemoryDto } from './dto/memory.dto';
import { MemoriesService } from './memories.service';

export class MemoriesController extends BotChildController({
  path: 'memories',
  service: MemoriesService,
  response: MemoryResponse,
  createDto: CreateMemoryDto,
  updateDto: UpdateMemoryDto,
  createHandler: 'create',
  updateConflict: null,
  summaries: {
    list: "List the bot's memories, most relevant first",
    create: 'Add a memory',
    update: 'Change the given fields of a memory',
    remove: 'Delete a memory',
  },
}) {}
