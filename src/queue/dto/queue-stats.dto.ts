import { ApiProperty } from '@nestjs/swagger';

export class QueueCountsDto {
  @ApiProperty({ example: 'send' })
  name!: string;

  @ApiProperty({ example: 3 })
  waiting!: number;

  @ApiProperty({ example: 1 })
  active!: number;

  @ApiProperty({ example: 12 })
  delayed!: number;

  @ApiProperty({ example: 0 })
  failed!: number;

  @ApiProperty({ example: 5400 })
  completed!: number;

  @ApiProperty({ example: 0, description: 'Jobs waiting in a paused queue' })
  paused!: number;

  @ApiProperty({ example: false })
  is_paused!: boolean;
}

export class QueueStatsDto {
  @ApiProperty({ format: 'date-time', example: '2026-11-25T07:00:00.000Z' })
  generated_at!: string;

  @ApiProperty({ type: [QueueCountsDto] })
  queues!: QueueCountsDto[];

  @ApiProperty({
    example: 16,
    description: 'Jobs not yet finished in all queues (waiting + active + delayed + paused)',
  })
  total_pending!: number;
}
