import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsInt, Max, Min } from 'class-validator';
import { ChatBotStatus } from '../entities/chat-bot.entity';

export class SetChatBotsDto {
  @ApiProperty({
    description:
      'The bots taking part in this chat (replaces the list). Empty: every enabled bot takes part.',
    example: [1, 2, 3],
    type: [Number],
  })
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(2_147_483_647, { each: true })
  bot_ids!: number[];
}

export class ChatBotResponse {
  @ApiProperty({ example: 3 })
  bot_id!: number;

  @ApiProperty({ example: 'Mehmet Yatırımcı' })
  name!: string;

  @ApiProperty({ example: 'mehmet_trader', nullable: true, type: String })
  username!: string | null;

  @ApiProperty({ example: true })
  is_enabled!: boolean;

  @ApiProperty({
    enum: ChatBotStatus,
    description: 'failed: Telegram refused the bot here; clear it to retry',
  })
  status!: ChatBotStatus;

  @ApiProperty({ example: null, nullable: true, type: String })
  last_error!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  last_error_at!: Date | null;
}

export class ChatMembershipResponse {
  @ApiProperty({
    enum: ['members', 'all_enabled_bots'],
    description:
      'members: only the listed member bots take part; all_enabled_bots: no member rows, every enabled bot does',
  })
  mode!: 'members' | 'all_enabled_bots';

  @ApiProperty({ type: [ChatBotResponse], description: 'Membership rows: members and failed bots' })
  items!: ChatBotResponse[];
}
