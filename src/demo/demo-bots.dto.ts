import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { BotResponse } from '../bots/dto/bot-response.dto';
import { ChatResponse } from '../chats/dto/chat.dto';

export class CreateDemoBotsDto {
  @ApiProperty({ minimum: 1, maximum: 50, example: 6 })
  @IsInt()
  @Min(1)
  @Max(50)
  count!: number;
}

export class DemoBotsResponse {
  @ApiProperty({
    type: [BotResponse],
    description: 'Sandbox bots (no token): nothing reaches Telegram',
  })
  bots!: BotResponse[];

  @ApiProperty({ type: ChatResponse })
  chat!: ChatResponse;

  @ApiProperty({ description: 'False when the demo chat already existed' })
  chat_created!: boolean;
}
