import { ApiProperty } from '@nestjs/swagger';
import { BotStatus } from '../entities/bot.entity';
import { storedProfile } from './persona-profile.dto';

/** A bot as the API shows it: never the token, only its mask; persona fields normalised. */
export class BotResponse {
  @ApiProperty({ example: 7 })
  id!: number;

  @ApiProperty({ example: 'Mehmet Yatırımcı' })
  name!: string;

  @ApiProperty({ example: 'mehmet_trader', nullable: true, type: String })
  username!: string | null;

  @ApiProperty({ example: true })
  is_enabled!: boolean;

  @ApiProperty(storedProfile('SpeedProfileDto'))
  speed_profile!: Record<string, unknown>;

  @ApiProperty({ example: ['09:00-18:00'], type: [String] })
  active_hours!: string[];

  @ApiProperty({ example: 'Temkinli, uzun vadeli' })
  persona_hint!: string;

  @ApiProperty(storedProfile('PersonaProfileDto'))
  persona_profile!: Record<string, unknown>;

  @ApiProperty(storedProfile('EmotionProfileDto'))
  emotion_profile!: Record<string, unknown>;

  @ApiProperty({ example: null, nullable: true, type: String })
  llm_model!: string | null;

  @ApiProperty({ enum: BotStatus, example: BotStatus.Active })
  status!: BotStatus;

  @ApiProperty({ example: null, nullable: true, type: String })
  last_error!: string | null;

  @ApiProperty({ example: null, nullable: true, type: String, format: 'date-time' })
  last_error_at!: Date | null;

  @ApiProperty({
    description: 'First and last four characters of the token',
    example: '1234…saw1',
    nullable: true,
    type: String,
  })
  token_masked!: string | null;

  @ApiProperty({ description: 'False: the bot runs in sandbox mode', example: true })
  has_token!: boolean;

  @ApiProperty({ format: 'date-time' })
  created_at!: Date;

  @ApiProperty({ format: 'date-time' })
  updated_at!: Date;
}

export class BotPage {
  @ApiProperty({ type: [BotResponse] })
  items!: BotResponse[];

  @ApiProperty({ example: 1000 })
  total!: number;

  @ApiProperty({ example: 100 })
  limit!: number;

  @ApiProperty({ example: 0 })
  offset!: number;
}
