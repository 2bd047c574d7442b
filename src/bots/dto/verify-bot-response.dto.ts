import { ApiProperty } from '@nestjs/swagger';
import { BotResponse } from './bot-response.dto';

class TelegramIdentity {
  @ApiProperty({ example: 123456789 })
  id!: number;

  @ApiProperty({ example: 'mehmet_trader_bot' })
  username!: string;

  @ApiProperty({ example: 'Mehmet' })
  first_name!: string;
}

export class VerifyBotResponse {
  @ApiProperty({ example: true })
  verified!: boolean;

  @ApiProperty({ type: TelegramIdentity })
  telegram!: TelegramIdentity;

  @ApiProperty({ type: BotResponse })
  bot!: BotResponse;
}
