import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { ErrorBody } from '../common/errors/error-body';
import { DryRunQuery } from './dry-run-query';
import { ExportService, SetupExport } from './export.service';
import { SetupExportDto } from './dto/setup-export.dto';
import { ImportReport } from './import-report';
import { ImportService } from './import.service';

const IMPORT_EXAMPLE = {
  settings: { simulation_active: 'false', max_msgs_per_min: 6 },
  chat: { chat_id: '-1001234567890', title: 'Borsa Sohbet', topics: ['BIST', 'FX'] },
  bots: [
    {
      name: 'Mehmet Yatırımcı',
      token: 'BOT_TOKEN_1',
      persona_profile: { tone: 'sabırlı', style: 'Rahat, öğretici' },
      stances: [{ topic: 'GARAN', stance_text: 'Uzun vadeli tutuyorum.', confidence: 'yüksek' }],
    },
  ],
};

@ApiTags('import-export')
@ApiSecurity('api-key')
@Controller()
export class TransferController {
  constructor(
    private readonly importer: ImportService,
    private readonly exporter: ExportService,
  ) {}

  @Post('import')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Import a setup (ours or the original’s bot templates / setup files) in one transaction; dry_run=true only reports',
  })
  @ApiQuery({ name: 'dry_run', required: false, type: Boolean })
  @ApiBody({ schema: { type: 'object', example: IMPORT_EXAMPLE } })
  @ApiOkResponse({ type: ImportReport })
  @ApiBadRequestResponse({
    type: ErrorBody,
    description: 'Every problem of the file, with its path',
  })
  import(@Body() body: unknown, @Query() query: DryRunQuery): Promise<ImportReport> {
    return this.importer.run(body, query.dry_run ?? false);
  }

  @Get('export')
  @ApiOperation({ summary: 'The whole setup as JSON (never tokens); POST /import reads it back' })
  @ApiOkResponse({ type: SetupExportDto })
  export(): Promise<SetupExport> {
    return this.exporter.export();
  }
}
