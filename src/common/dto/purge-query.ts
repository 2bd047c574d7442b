import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean } from 'class-validator';
import { OptionalField } from '../validation/field-decorators';
import { queryBoolean } from '../validation/query-transforms';

/** `?purge=true` on a delete also removes the row's message history (kept by default). */
export class PurgeQuery {
  @ApiPropertyOptional({ default: false, description: 'Also delete the message history' })
  @OptionalField()
  @Transform(queryBoolean)
  @IsBoolean()
  purge?: boolean;
}
