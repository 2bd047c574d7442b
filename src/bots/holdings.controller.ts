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
import { HoldingResponse, UpdateHoldingDto, UpsertHoldingDto } from './dto/holding.dto';
import { HoldingsService } from './holdings.service';

@ApiTags('bots')
@ApiSecurity('api-key')
@ApiBadRequestResponse({ type: ErrorBody })
@ApiNotFoundResponse({ type: ErrorBody })
@Controller('bots')
export class HoldingsController {
  constructor(private readonly holdings: HoldingsService) {}

  @Get(':id/holdings')
  @ApiOperation({ summary: "List the bot's holdings" })
  @ApiOkResponse({ type: [HoldingResponse] })
  list(@Param('id', IdParamPipe) botId: number): Promise<HoldingResponse[]> {
    return this.holdings.list(botId);
  }

  @Post(':id/holdings')
  @ApiOperation({
    summary:
      'Create the holding, or update the one with the same (upper-cased) symbol: only given fields overwrite',
  })
  @ApiCreatedResponse({ type: HoldingResponse })
  upsert(
    @Param('id', IdParamPipe) botId: number,
    @Body() dto: UpsertHoldingDto,
  ): Promise<HoldingResponse> {
    return this.holdings.upsert(botId, dto);
  }

  @Patch('holdings/:id')
  @ApiOperation({ summary: 'Change the given fields of a holding' })
  @ApiOkResponse({ type: HoldingResponse })
  update(
    @Param('id', IdParamPipe) id: number,
    @Body() dto: UpdateHoldingDto,
  ): Promise<HoldingResponse> {
    return this.holdings.update(id, dto);
  }

  @Delete('holdings/:id')
  @ApiOperation({ summary: 'Delete a holding' })
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@Param('id', IdParamPipe) id: number): Promise<void> {
    return this.holdings.remove(id);
  }
}
