import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';

/** Body of PUT /settings/bulk: all updates apply together or none does. */
export class BulkUpdateSettingsDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Setting key → new value.',
    example: { scale_factor: 2, typing_enabled: false, bot_hourly_msg_limit: { min: 4, max: 10 } },
  })
  @IsObject()
  updates!: Record<string, unknown>;
}
