import { Module } from '@nestjs/common';
import { QueueStatsModule } from '../queue/queue-stats.module';
import { SettingsModule } from '../settings/settings.module';
import { SystemChecksService } from './system-checks.service';
import { SystemHealthService } from './system-health.service';
import { SystemController } from './system.controller';

@Module({
  imports: [SettingsModule, QueueStatsModule],
  controllers: [SystemController],
  providers: [SystemChecksService, SystemHealthService],
  exports: [SystemChecksService],
})
export class SystemModule {}
