import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MessageKind, MessageState } from '../../messages/entities/message.entity';

/** One message as the logs show it (the original's fields plus delivery state). */
export class LogEntryDto {
  @ApiProperty({ example: 1201 })
  id!: number;

  @ApiProperty({ type: Number, nullable: true, example: 3, description: 'null for a human' })
  bot_id!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'Ayşe Trader' })
  bot_name!: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 1 })
  chat_db_id!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'BIST Sohbet' })
  chat_title!: string | null;

  @ApiProperty({ enum: MessageKind })
  kind!: MessageKind;

  @ApiProperty({ type: Number, nullable: true, example: 5531 })
  telegram_message_id!: number | null;

  @ApiProperty({ example: 'Dolar 34 üstünde kalıcı olur mu sizce?' })
  text!: string;

  @ApiProperty({ type: Number, nullable: true, example: null })
  reply_to_message_id!: number | null;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { topic: 'FX' } })
  msg_metadata!: Record<string, unknown>;

  @ApiProperty({ enum: MessageState })
  state!: MessageState;

  @ApiPropertyOptional({ type: String, nullable: true, example: null })
  state_reason!: string | null;

  @ApiProperty({ example: 1 })
  attempts!: number;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  sent_at!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}

export class LogsPageDto {
  @ApiProperty({ type: [LogEntryDto] })
  items!: LogEntryDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as ?cursor= for the next (older) page; null on the last page',
  })
  next_cursor!: string | null;
}
