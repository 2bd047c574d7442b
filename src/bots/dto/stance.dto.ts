import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNumber, IsString, Length, Matches, Max, Min } from 'class-validator';
import {
  IsIsoDateTime,
  IsSafeText,
  NullableField,
  OptionalField,
} from '../../common/validation/field-decorators';
import { toReal } from '../../common/validation/query-transforms';
import { trimString } from './bot-fields';

export const STANCE_TOPIC_MAX = 100;
export const STANCE_TEXT_MAX = 2000;

/** POST /bots/{id}/stances: creates, or replaces the stance on the same topic. */
export class UpsertStanceDto {
  @ApiProperty({ maxLength: STANCE_TOPIC_MAX, example: 'Bankacılık' })
  @Transform(({ value }) => trimString(value))
  @IsString()
  @Length(1, STANCE_TOPIC_MAX)
  @IsSafeText()
  topic!: string;

  @ApiProperty({
    maxLength: STANCE_TEXT_MAX,
    example: 'Bankalarda faiz indirimi sonrası toparlanma bekliyorum.',
  })
  @IsString()
  @Length(1, STANCE_TEXT_MAX)
  @Matches(/\S/, { message: 'stance_text must not be blank' })
  @IsSafeText()
  stance_text!: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, default: 0.7, example: 0.8 })
  @OptionalField()
  @Transform(toReal)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  confidence?: number;

  @ApiPropertyOptional({
    description: 'No flip-flopping on this topic before this time',
    example: '2025-06-30T18:00:00Z',
    nullable: true,
    type: String,
  })
  @NullableField()
  @IsIsoDateTime()
  cooldown_until?: string | null;
}

export class UpdateStanceDto extends PartialType(UpsertStanceDto, { skipNullProperties: false }) {}

export class StanceResponse {
  @ApiProperty({ example: 3 })
  id!: number;

  @ApiProperty({ example: 7 })
  bot_id!: number;

  @ApiProperty({ example: 'Bankacılık' })
  topic!: string;

  @ApiProperty({ example: 'Bankalarda toparlanma bekliyorum.' })
  stance_text!: string;

  @ApiProperty({ example: 0.8 })
  confidence!: number;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  cooldown_until!: Date | null;

  @ApiProperty({ format: 'date-time' })
  updated_at!: Date;
}
