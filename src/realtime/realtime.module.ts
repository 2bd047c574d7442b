import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { EventsModule } from '../events/events.module';
import { MetricsModule } from '../metrics/metrics.module';
import { SystemModule } from '../system/system.module';
import { DashboardGateway } from './dashboard.gateway';
import { DashboardSnapshotService } from './dashboard-snapshot.service';

/** The live dashboard WebSocket (API process only). */
@Module({
  imports: [AuthModule, EventsModule, MetricsModule, SystemModule],
  providers: [DashboardGateway, DashboardSnapshotService],
})
export class RealtimeModule {}
