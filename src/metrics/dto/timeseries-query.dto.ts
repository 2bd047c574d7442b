import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

export type TimeseriesGroup = 'chat' | 'bot';

export class TimeseriesQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 1440, default: 60, example: 60 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1440)
  minutes?: number;

  @ApiPropertyOptional({ enum: ['chat', 'bot'], default: 'chat' })
  @IsOptional()
  @IsIn(['chat', 'bot'])
  group_by?: TimeseriesGroup;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 200,
    default: 20,
    description: 'The busiest series returned; the others are summed into one "other" series',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  top?: number;
}
