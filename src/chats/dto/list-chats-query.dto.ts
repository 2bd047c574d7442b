import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/dto/page';
import { IsSafeText, OptionalField } from '../../common/validation/field-decorators';
import { queryBoolean } from '../../common/validation/query-transforms';

export class ListChatsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Case-insensitive match on the title', example: 'borsa' })
  @OptionalField()
  @IsString()
  @MaxLength(100)
  @IsSafeText()
  search?: string;

  @ApiPropertyOptional({ example: true })
  @OptionalField()
  @Transform(queryBoolean)
  @IsBoolean()
  is_enabled?: boolean;
}
