import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { ErrorBody } from '../common/errors/error-body';
import { IdParamPipe } from '../common/pipes/id-param.pipe';
import { MemoryResponse, UpdateMemoryDto, CreateMemoryDto } from './dto/memory.dto';
import { MemoriesService } from './memories.service';

@ApiTags('bots')
@ApiSecurity('api-key')
@ApiBadRequestResponse({ type: ErrorBody })
@ApiNotFoundResponse({ type: ErrorBody })
@Controller('bots')
export class MemoriesController {
  constructor(private readonly memories: MemoriesService) {}

  @Get(':id/memories')
  @ApiOperation({ summary: "List the bot's memories, most relevant first" })
  @ApiOkResponse({ type: [MemoryResponse] })
  list(@Param('id', IdParamPipe) botId: number): Promise<MemoryResponse[]> {
    return this.memories.list(botId);
  }

  @Post(':id/memories')
  @ApiOperation({ summary: 'Add a memory' })
  @ApiCreatedResponse({ type: MemoryResponse })
  create(
    @Param('id', IdParamPipe) botId: number,
    @Body() dto: CreateMemoryDto,
  ): Promise<MemoryResponse> {
    return this.memories.create(botId, dto);
  }

  @Patch('memories/:id')
  @ApiOperation({ summary: 'Change the given fields of a memory' })
  @ApiOkResponse({ type: MemoryResponse })
  update(
    @Param('id', IdParamPipe) id: number,
    @Body() dto: UpdateMemoryDto,
  ): Promise<MemoryResponse> {
    return this.memories.update(id, dto);
  }

  @Delete('memories/:id')
  @ApiOperation({ summary: 'Delete a memory' })
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@Param('id', IdParamPipe) id: number): Promise<void> {
    return this.memories.remove(id);
  }
}
