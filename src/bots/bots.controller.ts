import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { PurgeQuery } from '../common/dto/purge-query';
import { ErrorBody } from '../common/errors/error-body';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { BotsService } from './bots.service';
import { BotVerificationService } from './telegram/bot-verification.service';
import { BotPage, BotResponse } from './dto/bot-response.dto';
import { CreateBotDto, EXAMPLE_EMOTION, EXAMPLE_PERSONA } from './dto/create-bot.dto';
import { ListBotsQuery } from './dto/list-bots-query.dto';
import { EmotionProfileDto, PersonaProfileDto, SpeedProfileDto } from './dto/persona-profile.dto';
import { UpdateBotDto } from './dto/update-bot.dto';
import { VerifyBotResponse } from './dto/verify-bot-response.dto';

@ApiTags('bots')
@ApiSecurity('api-key')
// Named in the profile descriptions: the normalised shape the API stores.
@ApiExtraModels(SpeedProfileDto)
@ApiBadRequestResponse({
  type: ErrorBody,
  description: 'Validation failed; `fields` names each bad field',
})
@Controller('bots')
export class BotsController {
  constructor(
    private readonly bots: BotsService,
    private readonly verification: BotVerificationService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'List bots: {items, total, limit, offset}, filter by search, is_enabled, status',
  })
  @ApiOkResponse({ type: BotPage })
  @Header('Content-Type', 'application/json; charset=utf-8')
  list(@Query() query: ListBotsQuery): Promise<Buffer> {
    // A BotPage, already serialised by PostgreSQL and encoded (see BotsService.listJson).
    return this.bots.listJson(query);
  }

  @Post()
  @ApiOperation({ summary: 'Create a bot (no token: sandbox mode); seeds its first memories' })
  @ApiCreatedResponse({ type: BotResponse })
  @ApiConflictResponse({
    type: ErrorBody,
    description: 'Name or token already used by another bot',
  })
  create(@Body() dto: CreateBotDto): Promise<BotResponse> {
    return this.bots.create(dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get one bot (token masked)' })
  @ApiOkResponse({ type: BotResponse })
  @ApiNotFoundResponse({ type: ErrorBody })
  get(@Param('id', ParseIdPipe) id: number): Promise<BotResponse> {
    return this.bots.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change the given fields; token: a new one replaces, null clears' })
  @ApiOkResponse({ type: BotResponse })
  @ApiNotFoundResponse({ type: ErrorBody })
  @ApiConflictResponse({
    type: ErrorBody,
    description: 'Name or token already used by another bot',
  })
  update(@Param('id', ParseIdPipe) id: number, @Body() dto: UpdateBotDto): Promise<BotResponse> {
    return this.bots.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a bot; its messages stay (bot_id null) unless purge=true' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorBody })
  remove(@Param('id', ParseIdPipe) id: number, @Query() query: PurgeQuery): Promise<void> {
    return this.bots.remove(id, query.purge ?? false);
  }

  @Get(':id/persona')
  @ApiOperation({ summary: "Get the bot's persona profile" })
  @ApiOkResponse({
    schema: { type: 'object', additionalProperties: true },
    description: 'As PersonaProfileDto when written through the API; older rows may hold variants',
  })
  getPersona(@Param('id', ParseIdPipe) id: number): Promise<Record<string, unknown>> {
    return this.bots.getProfile(id, 'persona');
  }

  @Put(':id/persona')
  @ApiOperation({
    summary:
      'Replace the persona (JSON object ≤ 16 KB); the variants of the original are accepted and ' +
      'stored normalised, as the answer shows',
  })
  @ApiBody({ schema: { type: 'object', example: EXAMPLE_PERSONA } })
  @ApiOkResponse({ type: PersonaProfileDto })
  putPersona(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    return this.bots.putProfile(id, 'persona', body);
  }

  @Get(':id/emotion')
  @ApiOperation({ summary: "Get the bot's emotion profile" })
  @ApiOkResponse({
    schema: { type: 'object', additionalProperties: true },
    description: 'As EmotionProfileDto when written through the API; older rows may hold variants',
  })
  getEmotion(@Param('id', ParseIdPipe) id: number): Promise<Record<string, unknown>> {
    return this.bots.getProfile(id, 'emotion');
  }

  @Put(':id/emotion')
  @ApiOperation({ summary: 'Replace the emotion profile (as the persona: variants, normalised)' })
  @ApiBody({ schema: { type: 'object', example: EXAMPLE_EMOTION } })
  @ApiOkResponse({ type: EmotionProfileDto })
  putEmotion(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    return this.bots.putProfile(id, 'emotion', body);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @ApiOperation({ summary: "Check the bot's token with Telegram getMe and store its username" })
  @ApiOkResponse({ type: VerifyBotResponse })
  verify(@Param('id', ParseIdPipe) id: number): Promise<VerifyBotResponse> {
    return this.verification.verify(id);
  }
}
