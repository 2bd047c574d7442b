import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/dto/page';
import { IsSafeText, OptionalField } from '../../common/validation/field-decorators';
import { queryBoolean } from '../../common/validation/query-transforms';
import { BotStatus } from '../entities/bot.entity';

export class ListBotsQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'Case-insensitive match on name or username',
    example: 'mehmet',
  })
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

  @ApiPropertyOptional({ enum: BotStatus })
  @OptionalField()
  @IsEnum(BotStatus)
  status?: BotStatus;
}
