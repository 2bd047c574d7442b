import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { LogEntryDto, LogsPageDto } from './dto/log-entry.dto';
import { LogFiltersDto } from './dto/log-filters.dto';
import { LogsQueryDto, RecentLogsQueryDto } from './dto/logs-query.dto';
import { LogsService } from './logs.service';

@ApiTags('logs')
@Controller('logs')
export class LogsController {
  constructor(private readonly logs: LogsService) {}

  @Get()
  @ApiOperation({
    operationId: 'listLogs',
    summary: 'Message log, newest first, filtered, with cursor pagination',
  })
  @ApiOkResponse({ type: LogsPageDto })
  @ApiErrors(400)
  @Header('Content-Type', 'application/json; charset=utf-8')
  list(@Query() query: LogsQueryDto): Promise<string> {
    // A LogsPageDto, already serialised by PostgreSQL (see LogsService.pageJson).
    return this.logs.pageJson(query, query.limit ?? 50, query.cursor);
  }

  @Get('recent')
  @ApiOperation({
    operationId: 'recentLogs',
    summary: 'The latest messages (original shape: a list)',
  })
  @ApiOkResponse({ type: [LogEntryDto] })
  @ApiErrors(400)
  recent(@Query() query: RecentLogsQueryDto): Promise<LogEntryDto[]> {
    return this.logs.recent(query.limit ?? 20);
  }

  @Get('export.csv')
  @ApiOperation({
    operationId: 'exportLogsCsv',
    summary: 'The filtered message log as CSV (streamed; formula-looking cells neutralised)',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV file', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400)
  exportCsv(@Query() query: LogFiltersDto): StreamableFile {
    return new StreamableFile(Readable.from(this.logs.exportCsv(query)), {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="logs.csv"',
    });
  }
}
