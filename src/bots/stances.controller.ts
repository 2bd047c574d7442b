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
import { StanceResponse, UpdateStanceDto, UpsertStanceDto } from './dto/stance.dto';
import { StancesService } from './stances.service';

@ApiTags('bots')
@ApiSecurity('api-key')
@ApiBadRequestResponse({ type: ErrorBody })
@ApiNotFoundResponse({ type: ErrorBody })
@Controller('bots')
export class StancesController {
  constructor(private readonly stances: StancesService) {}

  @Get(':id/stances')
  @ApiOperation({ summary: "List the bot's stances" })
  @ApiOkResponse({ type: [StanceResponse] })
  list(@Param('id', IdParamPipe) botId: number): Promise<StanceResponse[]> {
    return this.stances.list(botId);
  }

  @Post(':id/stances')
  @ApiOperation({
    summary: 'Create the stance, or replace the one on the same topic (refreshes updated_at)',
  })
  @ApiCreatedResponse({ type: StanceResponse })
  upsert(
    @Param('id', IdParamPipe) botId: number,
    @Body() dto: UpsertStanceDto,
  ): Promise<StanceResponse> {
    return this.stances.upsert(botId, dto);
  }

  @Patch('stances/:id')
  @ApiOperation({ summary: 'Change the given fields of a stance' })
  @ApiOkResponse({ type: StanceResponse })
  update(
    @Param('id', IdParamPipe) id: number,
    @Body() dto: UpdateStanceDto,
  ): Promise<StanceResponse> {
    return this.stances.update(id, dto);
  }

  @Delete('stances/:id')
  @ApiOperation({ summary: 'Delete a stance' })
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@Param('id', IdParamPipe) id: number): Promise<void> {
    return this.stances.remove(id);
  }
}
