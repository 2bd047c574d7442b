import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsObject, ValidateNested } from 'class-validator';
import { BotResponse } from '../../bots/dto/bot-response.dto';
import { CreateBotDto, EXAMPLE_EMOTION, EXAMPLE_PERSONA } from '../../bots/dto/create-bot.dto';
import { HoldingResponse, UpsertHoldingDto } from '../../bots/dto/holding.dto';
import { StanceResponse, UpsertStanceDto } from '../../bots/dto/stance.dto';
import { ChatResponse, CreateChatDto } from '../../chats/dto/chat.dto';
import { IsBoundedJsonObject, OptionalField } from '../../common/validation/field-decorators';

export const WIZARD_LIST_MAX = 50;

/** One call: a bot with its persona, emotion, stances and holdings, in a chat, optionally started. */
export class WizardSetupDto {
  @ApiProperty({ type: CreateBotDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CreateBotDto)
  bot!: CreateBotDto;

  @ApiProperty({ type: CreateChatDto, description: 'Reused when a chat with this chat_id exists' })
  @IsObject()
  @ValidateNested()
  @Type(() => CreateChatDto)
  chat!: CreateChatDto;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Persona (overrides bot.persona_profile; variants accepted, stored normalised)',
    example: EXAMPLE_PERSONA,
  })
  @OptionalField()
  @IsBoundedJsonObject()
  persona?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Emotion profile (overrides bot.emotion_profile; variants accepted)',
    example: EXAMPLE_EMOTION,
  })
  @OptionalField()
  @IsBoundedJsonObject()
  emotion?: Record<string, unknown>;

  @ApiPropertyOptional({ type: [UpsertStanceDto] })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(WIZARD_LIST_MAX)
  @ValidateNested({ each: true })
  @Type(() => UpsertStanceDto)
  stances?: UpsertStanceDto[];

  @ApiPropertyOptional({ type: [UpsertHoldingDto] })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(WIZARD_LIST_MAX)
  @ValidateNested({ each: true })
  @Type(() => UpsertHoldingDto)
  holdings?: UpsertHoldingDto[];

  @ApiPropertyOptional({
    description: 'Turn the simulation on (simulation_active = true)',
    default: false,
  })
  @OptionalField()
  @IsBoolean()
  start?: boolean;
}

export class WizardSetupResponse {
  @ApiProperty({ type: BotResponse })
  bot!: BotResponse;

  @ApiProperty({ type: ChatResponse })
  chat!: ChatResponse;

  @ApiProperty({ description: 'False when an existing chat with this chat_id was used' })
  chat_created!: boolean;

  @ApiProperty({ type: [StanceResponse] })
  stances!: StanceResponse[];

  @ApiProperty({ type: [HoldingResponse] })
  holdings!: HoldingResponse[];

  @ApiProperty({ example: 6 })
  memories_seeded!: number;

  @ApiProperty({ description: 'True when this call started the simulation' })
  started!: boolean;
}
