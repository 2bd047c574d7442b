import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { HealthComponentDto } from './system-health.dto';

export type StepStatus = 'passed' | 'warning' | 'failed';

export class CheckStepDto {
  @ApiProperty({
    example: 'database',
    description:
      'database, redis, migrations, worker_roundtrip, queues, settings or bots (failed bots are a warning)',
  })
  name!: string;

  @ApiProperty({ enum: ['passed', 'warning', 'failed'] })
  status!: StepStatus;

  @ApiProperty({ example: 'SELECT 1 answered' })
  detail!: string;

  @ApiProperty({ example: 3 })
  duration_ms!: number;
}

export class CheckDetailsDto {
  @ApiProperty({ type: [CheckStepDto] })
  steps!: CheckStepDto[];

  @ApiProperty({ type: [HealthComponentDto] })
  health_checks!: HealthComponentDto[];
}

/** One stored run of the self-check. */
export class SystemCheckDto {
  @ApiProperty({ example: 17 })
  id!: number;

  @ApiProperty({ enum: ['passed', 'failed'] })
  status!: 'passed' | 'failed';

  @ApiProperty({ example: 7 })
  total_steps!: number;

  @ApiProperty({ example: 7, description: 'Passed steps, warnings included' })
  passed_steps!: number;

  @ApiProperty({ example: 0 })
  failed_steps!: number;

  @ApiProperty({ example: 0.42, description: 'Seconds' })
  duration!: number;

  @ApiProperty({ type: String, nullable: true, example: 'admin' })
  triggered_by!: string | null;

  @ApiProperty({ type: CheckDetailsDto })
  details!: CheckDetailsDto;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}

export class RunCheckDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 30,
    default: 5,
    description: 'How long to wait for a worker to answer the probe job',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(30)
  worker_timeout_seconds?: number;
}

export class SummaryQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 90, default: 7 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(90)
  window_days?: number;
}
