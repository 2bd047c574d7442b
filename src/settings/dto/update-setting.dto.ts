import { ApiProperty } from '@nestjs/swagger';
import { IsDefined } from 'class-validator';
import { SETTING_VALUE_SCHEMA } from './setting.dto';

/** Body of PATCH /settings/{key}. The registry validates the value for the key. */
export class UpdateSettingDto {
  @ApiProperty({
    ...SETTING_VALUE_SCHEMA,
    description:
      'The new value, of the type the key takes. The original\'s wrapped form {"value": X} is ' +
      'accepted too.',
    example: 1.5,
  })
  @IsDefined()
  value!: unknown;
}
