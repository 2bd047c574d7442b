import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsString,
  Length,
  MaxLength,
  NotEquals,
  Max,
  Min,
} from 'class-validator';
import { DEFAULT_CHAT_TOPICS } from '../entities/chat.entity';
import {
  IsSafeText,
  NullableField,
  OptionalField,
  SatisfiesParser,
} from '../../common/validation/field-decorators';
import { timezone } from '../../settings/setting-parsers';

export const CHAT_TITLE_MAX = 255;
export const TOPIC_MAX_LENGTH = 50;
export const TOPICS_MAX = 50;

/**
 * Telegram chat ids as numbers or as the strings the original used ("-1001234567890"). Supergroup
 * ids exceed 2^32 but stay within 2^53, so a JS number is exact.
 */
export function toChatId(value: unknown): unknown {
  return typeof value === 'string' && /^-?\d{1,16}$/.test(value.trim())
    ? Number(value.trim())
    : value;
}

export class CreateChatDto {
  @ApiProperty({
    description: 'Telegram chat id (number, or string of digits); supergroups look like -100…',
    example: -1001234567890,
  })
  @Transform(({ value }) => toChatId(value))
  @IsInt({ message: 'chat_id must be a Telegram chat id such as -1001234567890' })
  @NotEquals(0, { message: 'chat_id must not be 0' })
  @Min(-Number.MAX_SAFE_INTEGER)
  @Max(Number.MAX_SAFE_INTEGER)
  chat_id!: number;

  @ApiPropertyOptional({
    maxLength: CHAT_TITLE_MAX,
    example: 'Borsa Sohbet',
    nullable: true,
    type: String,
  })
  @NullableField()
  @IsString()
  @MaxLength(CHAT_TITLE_MAX)
  @IsSafeText()
  title?: string | null;

  @ApiPropertyOptional({ default: true })
  @OptionalField()
  @IsBoolean()
  is_enabled?: boolean;

  @ApiPropertyOptional({
    description: 'Topic labels (short strings)',
    example: DEFAULT_CHAT_TOPICS,
    type: [String],
  })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(TOPICS_MAX)
  @IsString({ each: true })
  @Length(1, TOPIC_MAX_LENGTH, { each: true })
  @IsSafeText()
  topics?: string[];

  @ApiPropertyOptional({
    description: 'IANA timezone overriding the timezone setting; null uses the setting',
    example: 'Europe/Istanbul',
    nullable: true,
    type: String,
  })
  @NullableField()
  @SatisfiesParser(timezone)
  timezone?: string | null;
}

export class UpdateChatDto extends PartialType(CreateChatDto, { skipNullProperties: false }) {}

export class ChatResponse {
  @ApiProperty({ example: 1 })
  id!: number;

  @ApiProperty({ example: -1001234567890 })
  chat_id!: number;

  @ApiProperty({ example: 'Borsa Sohbet', nullable: true, type: String })
  title!: string | null;

  @ApiProperty({ example: true })
  is_enabled!: boolean;

  @ApiProperty({ example: DEFAULT_CHAT_TOPICS, type: [String] })
  topics!: string[];

  @ApiProperty({ example: null, nullable: true, type: String })
  timezone!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: Date;

  @ApiProperty({ format: 'date-time' })
  updated_at!: Date;
}

export class ChatPage {
  @ApiProperty({ type: [ChatResponse] })
  items!: ChatResponse[];

  @ApiProperty({ example: 3 })
  total!: number;

  @ApiProperty({ example: 100 })
  limit!: number;

  @ApiProperty({ example: 0 })
  offset!: number;
}
