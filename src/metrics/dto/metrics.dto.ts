import { ApiProperty } from '@nestjs/swagger';
import { MessageState } from '../../messages/entities/message.entity';

/** GET /api/metrics: the original's fields, plus message states and queue depth. */
export class MetricsDto {
  @ApiProperty({ example: 12 })
  total_bots!: number;

  @ApiProperty({ example: 10, description: 'Enabled bots whose status is active' })
  active_bots!: number;

  @ApiProperty({ example: 3 })
  total_chats!: number;

  @ApiProperty({ example: 240, description: 'Text messages sent by bots in the last hour' })
  messages_last_hour!: number;

  @ApiProperty({ example: 4, description: 'messages_last_hour / 60, two decimals' })
  messages_per_minute!: number;

  @ApiProperty({ example: true })
  simulation_active!: boolean;

  @ApiProperty({ example: 1 })
  scale_factor!: number;

  @ApiProperty({ example: 0, description: 'Sends held back by a configured limit (since reset)' })
  rate_limit_hits!: number;

  @ApiProperty({ example: 0 })
  telegram_429_count!: number;

  @ApiProperty({ example: 0 })
  telegram_5xx_count!: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: `Messages created in the last hour by state (${Object.values(MessageState).join(', ')})`,
    example: { sent: 240, failed: 2, skipped: 5 },
  })
  messages_by_state_last_hour!: Record<string, number>;

  @ApiProperty({ example: 7, description: 'Jobs not yet finished in all queues' })
  queue_pending!: number;

  @ApiProperty({ format: 'date-time', example: '2026-11-25T07:00:00.000Z' })
  generated_at!: string;
}
