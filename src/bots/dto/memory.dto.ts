import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsNumber, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsSafeText, OptionalField } from '../../common/validation/field-decorators';
import { toReal } from '../../common/validation/query-transforms';
import { MemoryType } from '../entities/bot-memory.entity';

export const MEMORY_CONTENT_MAX = 1000;

export class CreateMemoryDto {
  @ApiProperty({ enum: MemoryType, example: MemoryType.Routine })
  @IsEnum(MemoryType)
  memory_type!: MemoryType;

  @ApiProperty({
    maxLength: MEMORY_CONTENT_MAX,
    example: 'Sabahları açılıştan önce GARAN grafiğine bakarım.',
  })
  @IsString()
  @Length(1, MEMORY_CONTENT_MAX)
  @Matches(/\S/, { message: 'content must not be blank' })
  @IsSafeText()
  content!: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, default: 0.5, example: 0.6 })
  @OptionalField()
  @Transform(toReal)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  relevance_score?: number;
}

export class UpdateMemoryDto extends PartialType(CreateMemoryDto, { skipNullProperties: false }) {}

export class MemoryResponse {
  @ApiProperty({ example: 12 })
  id!: number;

  @ApiProperty({ example: 7 })
  bot_id!: number;

  @ApiProperty({ enum: MemoryType })
  memory_type!: MemoryType;

  @ApiProperty({ example: 'Sabahları açılıştan önce GARAN grafiğine bakarım.' })
  content!: string;

  @ApiProperty({ example: 0.6 })
  relevance_score!: number;

  @ApiProperty({ example: 0 })
  usage_count!: number;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  last_used_at!: Date | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: Date;
}
