import { ApiProperty } from '@nestjs/swagger';
import { IsDefined } from 'class-validator';

/** Body of PATCH /settings/{key}. The registry validates the value for the key. */
export class UpdateSettingDto {
  @ApiProperty({
    description:
      'The new value, of the type the key takes. The original\'s wrapped form {"value": X} is ' +
      'accepted too.',
    example: 1.5,
  })
  @IsDefined()
  value!: unknown;
}
