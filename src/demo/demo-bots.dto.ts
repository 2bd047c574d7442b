import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { BotResponse } from '../bots/dto/bot-response.dto';
import { ChatResponse } from '../chats/dto/chat.dto';

export class CreateDemoBotsDto {
  @ApiProperty({ minimum: 1, maximum: 50, example: 6 })
  @IsInt()
  @Min(1)
  @Max(50)
  count!: number;

  @ApiPropertyOptional({
    default: false,
    description:
      'true: the bots keep no active hours (their personas have market-day hours), so a demo ' +
      'started in the evening or at night talks at once',
  })
  @IsOptional()
  @IsBoolean()
  around_the_clock?: boolean;
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
