import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';

/**
 * A stored profile in an answer: free-form JSON in the schema, because rows written before
 * persona normalisation may hold the original's variants (the engine reads both). Everything
 * written through the API since has the shape of the named DTO.
 */
export function storedProfile(dto: string): ApiPropertyOptions {
  return {
    type: 'object',
    additionalProperties: true,
    description: `Normalised as ${dto} when written through the API; older rows may hold variants`,
  };
}

/**
 * The persona fields of a bot as stored and returned: always the normalised form (see
 * bots/persona/persona-fields.util.ts). Requests may use the variants of SPEC 7.2/7.12 instead.
 */
export class PersonaStyleDto {
  @ApiProperty({ example: true })
  emojis!: boolean;

  @ApiProperty({ enum: ['kısa', 'orta', 'uzun'], example: 'kısa' })
  length!: 'kısa' | 'orta' | 'uzun';

  @ApiProperty({ description: 'Adds "yatırım tavsiyesi değildir" to advice-like messages' })
  disclaimer!: boolean;

  @ApiProperty({ description: 'Free description (the original gave style as text)', example: '' })
  description!: string;
}

export class PersonaProfileDto {
  @ApiProperty({ example: 'sabırlı ve tecrübeli' })
  tone!: string;

  @ApiProperty({ enum: ['düşük', 'orta', 'yüksek'], example: 'düşük' })
  risk_profile!: 'düşük' | 'orta' | 'yüksek';

  @ApiProperty({ type: [String], example: ['GARAN', 'THYAO', 'XAU'] })
  watchlist!: string[];

  @ApiProperty({ type: [String], example: ['kaldıraçlı işlem önermem'] })
  never_do!: string[];

  @ApiProperty({ type: PersonaStyleDto })
  style!: PersonaStyleDto;
}

export class EmotionProfileDto {
  @ApiProperty({ example: 'sakin' })
  tone!: string;

  @ApiProperty({ minimum: 0, maximum: 1, example: 0.7 })
  empathy!: number;

  @ApiProperty({ minimum: 0, maximum: 1, example: 0.5 })
  energy!: number;

  @ApiProperty({ type: [String], example: ['📊', '🤝'] })
  signature_emoji!: string[];

  @ApiProperty({ type: [String], example: ['sabır şart'] })
  signature_phrases!: string[];

  @ApiProperty({ type: [String], example: ['2018 kur şokunda panik yapmadığımı'] })
  anecdotes!: string[];
}

export class SpeedDelayDto {
  @ApiProperty({ minimum: 3, maximum: 3600, example: 45 })
  base_delay_seconds!: number;

  @ApiProperty({ minimum: 0.1, maximum: 10, example: 1.2 })
  multiplier!: number;

  @ApiProperty({ minimum: 0, maximum: 1, example: 0.2 })
  jitter!: number;
}

export class TypingSpeedRangeDto {
  @ApiProperty({ description: 'Characters per second', example: 2.5 })
  min!: number;

  @ApiProperty({ description: 'Characters per second', example: 4 })
  max!: number;
}

export class SpeedTypingDto {
  @ApiPropertyOptional({
    type: TypingSpeedRangeDto,
    description: 'Typing speed (the original called it wpm); absent: the typing_speed_wpm setting',
  })
  wpm?: TypingSpeedRangeDto;

  @ApiProperty({ minimum: 0.2, maximum: 5, example: 1 })
  multiplier!: number;
}

export class SpeedProfileDto {
  @ApiProperty({ type: SpeedDelayDto })
  delay!: SpeedDelayDto;

  @ApiProperty({ type: SpeedTypingDto })
  typing!: SpeedTypingDto;
}
