import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsString, Length, Matches, MaxLength } from 'class-validator';
import {
  IsBoundedJsonObject,
  IsSafeText,
  NullableField,
  OptionalField,
  SatisfiesParser,
} from '../../common/validation/field-decorators';
import { timeRanges } from '../../settings/setting-parsers';
import { BotStatus } from '../entities/bot.entity';
import {
  BOT_NAME_MAX,
  LLM_MODEL_PATTERN,
  PERSONA_HINT_MAX,
  stripAt,
  trimString,
  USERNAME_PATTERN,
} from './bot-fields';

export const EXAMPLE_PERSONA = {
  tone: 'sabırlı ve tecrübeli',
  risk_profile: 'düşük risk, uzun vade',
  watchlist: ['GARAN', 'THYAO', 'XAUUSD'],
  never_do: ['kaldıraçlı işlem önermem'],
  style: { emojis: true, length: 'kısa-orta', disclaimer: 'yatırım tavsiyesi değildir' },
};

export const EXAMPLE_EMOTION = {
  tone: 'sakin',
  empathy: 0.7,
  energy: 'orta',
  signature_emoji: ['📊', '🤝'],
  signature_phrases: ['sabır şart'],
  anecdotes: ['2018 kur şokunda panik yapmadığımı'],
};

/** Fields of a new bot. A bot without a token runs in sandbox mode (nothing sent to Telegram). */
export class CreateBotDto {
  @ApiProperty({ minLength: 1, maxLength: BOT_NAME_MAX, example: 'Mehmet Yatırımcı' })
  @Transform(({ value }) => trimString(value))
  @IsString()
  @Length(1, BOT_NAME_MAX)
  @IsSafeText()
  name!: string;

  @ApiPropertyOptional({
    type: String,
    description: 'BotFather token; stored encrypted, never returned. Omit for a sandbox bot.',
    example: '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1',
    nullable: true,
  })
  @NullableField()
  @IsString()
  @Matches(/^\d{5,12}:[A-Za-z0-9_-]{30,64}$/, {
    message: 'token must look like a BotFather token (123456789:AA… )',
  })
  token?: string | null;

  @ApiPropertyOptional({
    type: String,
    description: 'Telegram username, with or without @',
    example: 'mehmet_trader',
    nullable: true,
  })
  @NullableField()
  @Transform(({ value }) => stripAt(value))
  @IsString()
  @Matches(USERNAME_PATTERN, { message: 'username must be 3–64 letters, digits or underscores' })
  username?: string | null;

  @ApiPropertyOptional({ default: true })
  @OptionalField()
  @IsBoolean()
  is_enabled?: boolean;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'Delay and typing profile (JSON object, at most 16 KB): nested as in the answer, or with ' +
      'flat keys (base_delay_seconds, delay_multiplier, typing_wpm …); stored normalised',
    example: {
      delay: { base_delay_seconds: 45, multiplier: 1.2 },
      typing: { wpm_min: 2.5, wpm_max: 4 },
    },
  })
  @OptionalField()
  @IsObject()
  @IsBoundedJsonObject()
  speed_profile?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: '"HH:MM-HH:MM" ranges in the configured timezone; empty means always',
    example: ['09:00-12:30', '14:00-18:00'],
    type: [String],
  })
  @OptionalField()
  @SatisfiesParser(timeRanges)
  active_hours?: string[];

  @ApiPropertyOptional({
    maxLength: PERSONA_HINT_MAX,
    example: 'Temkinli, uzun vadeli düşünen emekli bankacı',
  })
  @OptionalField()
  @IsString()
  @MaxLength(PERSONA_HINT_MAX)
  @IsSafeText()
  persona_hint?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'Persona (JSON object, at most 16 KB). Variants are accepted and stored normalised: style ' +
      'as text, risk and lengths as words, watchlist as comma text',
    example: EXAMPLE_PERSONA,
  })
  @OptionalField()
  @IsBoundedJsonObject()
  persona_profile?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'Emotion profile (JSON object, at most 16 KB). empathy/energy as 0–1 or words, ' +
      'signature_emoji as text or list; stored normalised',
    example: EXAMPLE_EMOTION,
  })
  @OptionalField()
  @IsBoundedJsonObject()
  emotion_profile?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: String,
    description: 'Per-bot model override; null uses LLM_MODEL',
    example: 'gpt-4o-mini',
    nullable: true,
  })
  @NullableField()
  @IsString()
  @Matches(LLM_MODEL_PATTERN, { message: 'llm_model must be a model name such as gpt-4o-mini' })
  llm_model?: string | null;

  @ApiPropertyOptional({ enum: [BotStatus.Active, BotStatus.Paused], default: BotStatus.Active })
  @OptionalField()
  @IsIn([BotStatus.Active, BotStatus.Paused], {
    message: 'status must be active or paused (error is set by the engine)',
  })
  status?: BotStatus.Active | BotStatus.Paused;
}
