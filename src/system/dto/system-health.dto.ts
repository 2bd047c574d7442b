import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export type ComponentStatus = 'ok' | 'degraded' | 'down';

export class HealthComponentDto {
  @ApiProperty({ enum: ['api', 'database', 'redis', 'workers', 'disk'] })
  name!: string;

  @ApiProperty({ enum: ['ok', 'degraded', 'down'] })
  status!: ComponentStatus;

  @ApiProperty({ example: 'SELECT 1 answered' })
  detail!: string;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 2 })
  latency_ms!: number | null;
}

export class WorkerInfoDto {
  @ApiProperty({ example: 'worker-1a2b' })
  id!: string;

  @ApiProperty({ type: [String], example: ['tick', 'turn', 'send', 'updates', 'maintenance'] })
  queues!: string[];

  @ApiProperty({ format: 'date-time' })
  started_at!: string;

  @ApiProperty({ format: 'date-time' })
  seen_at!: string;

  @ApiProperty({ example: 123456789 })
  rss_bytes!: number;
}

export class DiskInfoDto {
  @ApiProperty({ example: '/app' })
  path!: string;

  @ApiProperty({ example: 78_000_000_000 })
  free_bytes!: number;

  @ApiProperty({ example: 270_000_000_000 })
  total_bytes!: number;

  @ApiProperty({ example: 28.9 })
  free_percent!: number;
}

/** GET /system/health: every part of the system and its state. */
export class SystemHealthDto {
  @ApiProperty({ enum: ['ok', 'degraded', 'down'], description: 'The worst component status' })
  status!: ComponentStatus;

  @ApiProperty({ format: 'date-time' })
  generated_at!: string;

  @ApiProperty({ type: [HealthComponentDto] })
  components!: HealthComponentDto[];

  @ApiProperty({ type: [WorkerInfoDto], description: 'Workers seen through their heartbeats' })
  workers!: WorkerInfoDto[];

  @ApiProperty({ type: DiskInfoDto, nullable: true })
  disk!: DiskInfoDto | null;
}

export class HealthExportQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'json'], default: 'json' })
  @IsOptional()
  @IsIn(['csv', 'json'])
  format?: 'csv' | 'json';
}
