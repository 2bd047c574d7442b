import { ApiProperty } from '@nestjs/swagger';

/** A setting's value: the registry gives each key one of these JSON types. */
export const SETTING_VALUE_SCHEMA = {
  oneOf: [
    { type: 'boolean' },
    { type: 'number' },
    { type: 'string' },
    { type: 'array', items: {} },
    { type: 'object', additionalProperties: true },
  ],
};

class SettingValueBox {
  @ApiProperty({
    ...SETTING_VALUE_SCHEMA,
    description: 'The typed value (boolean, number, string, list or object)',
    example: 1.5,
  })
  value!: unknown;
}

/**
 * One setting as GET /settings lists it. `{key, value: {value}, updated_at}` is the original's
 * shape, kept for its clients; the other fields are additive.
 */
export class SettingDto {
  @ApiProperty({ example: 'scale_factor' })
  key!: string;

  @ApiProperty({ type: SettingValueBox, example: { value: 1.5 } })
  value!: { value: unknown };

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'When the value was last changed; null while the default applies.',
    example: '2026-11-25T07:00:00.000Z',
  })
  updated_at!: string | null;

  @ApiProperty({ example: 'Speed multiplier: every delay between turns is divided by it.' })
  description!: string;

  @ApiProperty({ description: 'True when workers apply a change without restart.', example: true })
  live!: boolean;

  @ApiProperty({ ...SETTING_VALUE_SCHEMA, description: 'The default value.', example: 1 })
  default!: unknown;
}
