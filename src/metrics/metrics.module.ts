import { Module } from '@nestjs/common';
import { QueueStatsModule } from '../queue/queue-stats.module';
import { SettingsModule } from '../settings/settings.module';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

@Module({
  imports: [SettingsModule, QueueStatsModule],
  controllers: [MetricsController],
  providers: [MetricsService],
  exports: [MetricsService],
})
export class MetricsModule {}
