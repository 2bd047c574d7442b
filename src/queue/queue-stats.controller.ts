import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { QueueStatsDto } from './dto/queue-stats.dto';
import { QueueStatsService } from './queue-stats.service';

@ApiTags('queues')
@Controller('queue')
export class QueueStatsController {
  constructor(private readonly stats: QueueStatsService) {}

  @Get('stats')
  @ApiOperation({ operationId: 'queueStats', summary: 'Job counts per queue and state' })
  @ApiOkResponse({ type: QueueStatsDto })
  @ApiErrors(503)
  get(): Promise<QueueStatsDto> {
    return this.stats.stats();
  }
}
