import { ApiProperty } from '@nestjs/swagger';

export class DailyBreakdownDto {
  @ApiProperty({ example: '2026-11-25', description: 'Day in the configured timezone' })
  date!: string;

  @ApiProperty({ example: 4 })
  total!: number;

  @ApiProperty({ example: 4 })
  passed!: number;

  @ApiProperty({ example: 0 })
  failed!: number;

  @ApiProperty({ type: Number, nullable: true, example: 100 })
  success_rate!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 0.8 })
  average_duration!: number | null;
}

/**
 * Checks over a window. Overall status: success rate ≥ 95 % healthy (sağlıklı), 80–95 % warning
 * (dikkat), < 80 % critical (kritik); a failed latest check makes healthy a warning.
 */
export class CheckSummaryDto {
  @ApiProperty({ example: 7 })
  window_days!: number;

  @ApiProperty({ format: 'date-time' })
  window_start!: string;

  @ApiProperty({ format: 'date-time' })
  window_end!: string;

  @ApiProperty({ example: 12 })
  total_checks!: number;

  @ApiProperty({ example: 11 })
  passed_checks!: number;

  @ApiProperty({ example: 1 })
  failed_checks!: number;

  @ApiProperty({ type: Number, nullable: true, example: 91.7, description: 'Percent' })
  success_rate!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 0.9, description: 'Seconds' })
  average_duration!: number | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  last_check_at!: string | null;

  @ApiProperty({ enum: ['healthy', 'warning', 'critical', 'no_data'] })
  overall_status!: 'healthy' | 'warning' | 'critical' | 'no_data';

  @ApiProperty({ enum: ['sağlıklı', 'dikkat', 'kritik', 'veri yok'] })
  overall_label!: string;

  @ApiProperty({ type: [DailyBreakdownDto] })
  daily!: DailyBreakdownDto[];

  @ApiProperty({ type: [String], example: ['Son 7 günde 12 kontrol çalıştı…'] })
  insights!: string[];

  @ApiProperty({ type: [String], example: ['Ek bir işlem gerekmiyor.'] })
  recommended_actions!: string[];
}
