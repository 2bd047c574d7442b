import { ApiProperty } from '@nestjs/swagger';
import { storedProfile } from '../../bots/dto/persona-profile.dto';
import { MemoryType } from '../../bots/entities/bot-memory.entity';

/** The shapes of GET /export (a file POST /import reads back unchanged). */
export class ExportedStanceDto {
  @ApiProperty({ example: 'Dolar/TL' })
  topic!: string;

  @ApiProperty({ example: 'Kademeli yükseliş sürer.' })
  stance_text!: string;

  @ApiProperty({ minimum: 0, maximum: 1, example: 0.8 })
  confidence!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  cooldown_until!: string | null;
}

export class ExportedHoldingDto {
  @ApiProperty({ example: 'AKBNK' })
  symbol!: string;

  @ApiProperty({ type: Number, nullable: true, example: 22 })
  avg_price!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 5000 })
  size!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'temettü' })
  note!: string | null;
}

export class ExportedMemoryDto {
  @ApiProperty({ enum: MemoryType, example: MemoryType.Routine })
  memory_type!: MemoryType;

  @ApiProperty({ example: 'Sabahları kahvemi alıp ilk iş AKBNK grafiğine bakarım.' })
  content!: string;

  @ApiProperty({ minimum: 0, maximum: 1, example: 0.6 })
  relevance_score!: number;
}

export class ExportedBotDto {
  @ApiProperty({ example: 'Deniz Analist' })
  name!: string;

  @ApiProperty({ type: String, nullable: true, example: 'deniz_analiz' })
  username!: string | null;

  @ApiProperty({ example: true })
  is_enabled!: boolean;

  @ApiProperty(storedProfile('SpeedProfileDto'))
  speed_profile!: Record<string, unknown>;

  @ApiProperty({ type: [String], example: ['09:00-18:00'] })
  active_hours!: string[];

  @ApiProperty({ example: 'Bankada çalışmış analist' })
  persona_hint!: string;

  @ApiProperty(storedProfile('PersonaProfileDto'))
  persona_profile!: Record<string, unknown>;

  @ApiProperty(storedProfile('EmotionProfileDto'))
  emotion_profile!: Record<string, unknown>;

  @ApiProperty({ type: String, nullable: true, example: null })
  llm_model!: string | null;

  @ApiProperty({ type: [ExportedStanceDto] })
  stances!: ExportedStanceDto[];

  @ApiProperty({ type: [ExportedHoldingDto] })
  holdings!: ExportedHoldingDto[];

  @ApiProperty({ type: [ExportedMemoryDto] })
  memories!: ExportedMemoryDto[];
}

export class ExportedChatDto {
  @ApiProperty({ description: 'Telegram chat id', example: -1009876543210 })
  chat_id!: number;

  @ApiProperty({ type: String, nullable: true, example: 'Piyasa Kulübü' })
  title!: string | null;

  @ApiProperty({ example: true })
  is_enabled!: boolean;

  @ApiProperty({ type: [String], example: ['BIST', 'Döviz'] })
  topics!: string[];

  @ApiProperty({ type: String, nullable: true, example: null })
  timezone!: string | null;

  @ApiProperty({ type: [String], description: 'Member bots by name', example: ['Deniz Analist'] })
  bots!: string[];
}

export class SetupExportDto {
  @ApiProperty({ enum: ['piyasa-setup'], example: 'piyasa-setup' })
  format!: 'piyasa-setup';

  @ApiProperty({ enum: [1], example: 1 })
  version!: 1;

  @ApiProperty({ format: 'date-time' })
  exported_at!: string;

  @ApiProperty({
    description: 'Stored settings by key (defaults are not exported)',
    type: 'object',
    additionalProperties: true,
    example: { scale_factor: 1.5, simulation_active: false },
  })
  settings!: Record<string, unknown>;

  @ApiProperty({ type: [ExportedChatDto] })
  chats!: ExportedChatDto[];

  @ApiProperty({ type: [ExportedBotDto] })
  bots!: ExportedBotDto[];
}
