import { ApiProperty } from '@nestjs/swagger';

export class TimeseriesSeriesDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 3,
    description: 'Chat or bot id; null for deleted ones and for the summed "other" series',
  })
  id!: number | null;

  @ApiProperty({ example: 'BIST Sohbet' })
  label!: string;

  @ApiProperty({ type: [Number], example: [0, 2, 1], description: 'One count per bucket' })
  counts!: number[];

  @ApiProperty({ example: 3 })
  total!: number;
}

/** Sent bot messages per minute, per chat or bot, for charts. */
export class TimeseriesDto {
  @ApiProperty({ example: 60 })
  minutes!: number;

  @ApiProperty({ enum: ['chat', 'bot'] })
  group_by!: 'chat' | 'bot';

  @ApiProperty({
    type: [String],
    example: ['2026-11-25T06:01:00.000Z', '2026-11-25T06:02:00.000Z'],
    description:
      'Start of each one-minute bucket (UTC), oldest first; the last is the current minute',
  })
  buckets!: string[];

  @ApiProperty({ type: [TimeseriesSeriesDto], description: 'Busiest first' })
  series!: TimeseriesSeriesDto[];

  @ApiProperty({ type: [Number], example: [0, 2, 1], description: 'All series summed per bucket' })
  totals!: number[];
}
