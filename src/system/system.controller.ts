import { Body, Controller, Get, Post, Query, Req, StreamableFile } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { AuthenticatedRequest } from '../auth/principal';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { CheckSummaryDto } from './dto/check-summary.dto';
import { RunCheckDto, SummaryQueryDto, SystemCheckDto } from './dto/system-check.dto';
import { HealthExportQueryDto, SystemHealthDto } from './dto/system-health.dto';
import { SystemChecksService } from './system-checks.service';
import { SystemHealthService } from './system-health.service';

@ApiTags('system')
@Controller('system')
export class SystemController {
  constructor(
    private readonly checks: SystemChecksService,
    private readonly healthService: SystemHealthService,
  ) {}

  @Post('checks')
  @ApiOperation({
    operationId: 'runSystemCheck',
    summary:
      'Run the self-check (database, Redis, migrations, worker round trip, queues, settings, bots) and store it',
  })
  @ApiCreatedResponse({ type: SystemCheckDto })
  @ApiErrors(400)
  run(@Body() body: RunCheckDto, @Req() request: AuthenticatedRequest): Promise<SystemCheckDto> {
    return this.checks.run(request.principal?.username ?? null, body.worker_timeout_seconds);
  }

  @Get('checks/latest')
  @ApiOperation({ operationId: 'latestSystemCheck', summary: 'The most recent self-check' })
  @ApiOkResponse({ type: SystemCheckDto })
  @ApiErrors(404)
  latest(): Promise<SystemCheckDto> {
    return this.checks.latest();
  }

  @Get('checks/summary')
  @ApiOperation({
    operationId: 'systemCheckSummary',
    summary:
      'Checks over the last N days: daily breakdown, success rate, overall status (≥95 % sağlıklı, 80–95 % dikkat, <80 % kritik) and Turkish advice',
  })
  @ApiOkResponse({ type: CheckSummaryDto })
  @ApiErrors(400)
  summary(@Query() query: SummaryQueryDto): Promise<CheckSummaryDto> {
    return this.checks.summary(query.window_days ?? 7);
  }

  @Get('health')
  @ApiOperation({
    operationId: 'systemHealth',
    summary: 'State of the API, workers (heartbeats), PostgreSQL, Redis and disk',
  })
  @ApiOkResponse({ type: SystemHealthDto })
  @ApiErrors()
  health(): Promise<SystemHealthDto> {
    return this.healthService.health();
  }

  @Get('health/export')
  @ApiOperation({
    operationId: 'exportSystemHealth',
    summary: 'The health report as a CSV or JSON file',
  })
  @ApiProduces('text/csv', 'application/json')
  @ApiOkResponse({ description: 'CSV or JSON file', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400)
  async export(@Query() query: HealthExportQueryDto): Promise<StreamableFile> {
    return this.healthService.exportFile(query.format ?? 'json');
  }
}
