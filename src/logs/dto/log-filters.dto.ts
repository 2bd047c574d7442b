import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsEnum, IsInt, IsISO8601, IsOptional, MaxLength, Min, MinLength } from 'class-validator';
import { MessageState } from '../../messages/entities/message.entity';

/** "sent,failed" or repeated ?state= → a list. */
const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0)
    : value;

/** Filters shared by GET /logs and GET /logs/export.csv. */
export class LogFiltersDto {
  @ApiPropertyOptional({ description: 'Only messages of this bot', example: 3 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  bot_id?: number;

  @ApiPropertyOptional({ description: 'Only messages in this chat (our chat id)', example: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  chat_id?: number;

  @ApiPropertyOptional({
    description: 'Case-insensitive text search (substring)',
    example: 'dolar',
    minLength: 1,
    maxLength: 200,
  })
  @IsOptional()
  @MinLength(1)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created at or after this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created before this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({
    enum: MessageState,
    isArray: true,
    description: 'Delivery states, comma-separated (default: all)',
    example: 'sent,failed',
  })
  @IsOptional()
  @Transform(toList)
  @IsEnum(MessageState, { each: true })
  state?: MessageState[];

  @ApiPropertyOptional({
    description: "Only messages with a smaller id (the original's paging parameter)",
    example: 1200,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  before?: number;
}
