import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { MetricsDto } from './dto/metrics.dto';
import { TimeseriesQueryDto } from './dto/timeseries-query.dto';
import { TimeseriesDto } from './dto/timeseries.dto';
import { MetricsService } from './metrics.service';

@ApiTags('metrics')
@Controller('api/metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @ApiOperation({
    operationId: 'getMetrics',
    summary: 'Dashboard metrics: bots, chats, message rate, simulation state, Telegram counters',
  })
  @ApiOkResponse({ type: MetricsDto })
  @ApiErrors(503)
  snapshot(): Promise<MetricsDto> {
    return this.metrics.snapshot();
  }

  @Get('timeseries')
  @ApiOperation({
    operationId: 'getMetricsTimeseries',
    summary:
      'Sent bot messages per minute, per chat or per bot (busiest first), over the last N minutes',
  })
  @ApiOkResponse({ type: TimeseriesDto })
  @ApiErrors(400)
  timeseries(@Query() query: TimeseriesQueryDto): Promise<TimeseriesDto> {
    return this.metrics.timeseries(query.minutes ?? 60, query.group_by ?? 'chat', query.top ?? 20);
  }
}
