import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean } from 'class-validator';
import { OptionalField } from '../common/validation/field-decorators';
import { queryBoolean } from '../common/validation/query-transforms';

export class DryRunQuery {
  @ApiPropertyOptional({ default: false, description: 'Report what would change; write nothing' })
  @OptionalField()
  @Transform(queryBoolean)
  @IsBoolean()
  dry_run?: boolean;
}
