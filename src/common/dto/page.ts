import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { OptionalField } from '../validation/field-decorators';
import { queryInteger } from '../validation/query-transforms';

/** limit/offset query parameters shared by paginated lists. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100, example: 50 })
  @OptionalField()
  @Transform(queryInteger)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0, example: 0 })
  @OptionalField()
  @Transform(queryInteger)
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  offset?: number;
}

/** One page of a list: `{items, total, limit, offset}`. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export const DEFAULT_PAGE_LIMIT = 100;
