import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNumber, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsSafeText, NullableField } from '../../common/validation/field-decorators';

/** Symbols such as GARAN, BIST:AKBNK, XU030.E, BTCUSDT or ALTIN; stored upper-cased. */
export const SYMBOL_PATTERN = /^[\p{L}\p{N}._:/-]{1,32}$/u;
export const HOLDING_NOTE_MAX = 500;
const AMOUNT_LIMIT = 1e12;

export function normaliseSymbol(value: unknown): unknown {
  return typeof value === 'string' ? value.trim().toUpperCase() : value;
}

/** POST /bots/{id}/holdings: creates, or updates the holding of the same symbol (given fields only). */
export class UpsertHoldingDto {
  @ApiProperty({ description: 'Upper-cased on save', example: 'GARAN' })
  @Transform(({ value }) => normaliseSymbol(value))
  @IsString()
  @Matches(SYMBOL_PATTERN, { message: 'symbol must be 1–32 letters, digits or . _ : / -' })
  symbol!: string;

  @ApiPropertyOptional({ example: 28.5, nullable: true, type: Number })
  @NullableField()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(AMOUNT_LIMIT)
  avg_price?: number | null;

  @ApiPropertyOptional({ example: 5000, nullable: true, type: Number })
  @NullableField()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-AMOUNT_LIMIT)
  @Max(AMOUNT_LIMIT)
  size?: number | null;

  @ApiPropertyOptional({
    maxLength: HOLDING_NOTE_MAX,
    example: '2018den beri tutuyorum',
    nullable: true,
    type: String,
  })
  @NullableField()
  @IsString()
  @MaxLength(HOLDING_NOTE_MAX)
  @IsSafeText()
  note?: string | null;
}

export class UpdateHoldingDto extends PartialType(UpsertHoldingDto, {
  skipNullProperties: false,
}) {}

export class HoldingResponse {
  @ApiProperty({ example: 4 })
  id!: number;

  @ApiProperty({ example: 7 })
  bot_id!: number;

  @ApiProperty({ example: 'GARAN' })
  symbol!: string;

  @ApiProperty({ example: 28.5, nullable: true, type: Number })
  avg_price!: number | null;

  @ApiProperty({ example: 5000, nullable: true, type: Number })
  size!: number | null;

  @ApiProperty({ example: 'Uzun vade', nullable: true, type: String })
  note!: string | null;

  @ApiProperty({ format: 'date-time' })
  updated_at!: Date;
}
