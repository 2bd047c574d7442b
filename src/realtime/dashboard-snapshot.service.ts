import { Injectable } from '@nestjs/common';
import { MetricsService } from '../metrics/metrics.service';
import { SystemChecksService } from '../system/system-checks.service';

/** The periodic message of /ws/dashboard, in the original's shape. */
@Injectable()
export class DashboardSnapshotService {
  constructor(
    private readonly metrics: MetricsService,
    private readonly checks: SystemChecksService,
  ) {}

  async build(): Promise<{
    type: 'dashboard_snapshot';
    generated_at: string;
    metrics: unknown;
    latest_check: unknown;
  }> {
    const [metrics, latest] = await Promise.all([
      this.metrics.snapshot(),
      this.checks.latest().catch(() => null),
    ]);
    return {
      type: 'dashboard_snapshot',
      generated_at: new Date().toISOString(),
      metrics,
      latest_check: latest,
    };
  }
}
