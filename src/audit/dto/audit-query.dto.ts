import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDateString, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : value;

/** Filters of GET /audit (query string). */
export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'Username or user id of the actor' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  actor?: string;

  @ApiPropertyOptional({ description: 'Exact action, e.g. "PATCH /users/:id" or "auth.login"' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  action?: string;

  @ApiPropertyOptional({ description: 'Resource type, e.g. "users", "bots", "session"' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  resource_type?: string;

  @ApiPropertyOptional({ description: 'Only rows at or after this time (ISO 8601)' })
  @IsOptional()
  @IsDateString()
  from?: string;

  @ApiPropertyOptional({ description: 'Only rows before this time (ISO 8601)' })
  @IsOptional()
  @IsDateString()
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'next_cursor of the previous page' })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  cursor?: number;
}
