import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Setting } from '../settings/entities/setting.entity';
import { MaintenanceScheduler } from './maintenance-scheduler.service';
import { MessageRetentionService } from './message-retention.service';

/** Services of the maintenance queue's jobs, and their schedules (worker process only). */
@Module({
  imports: [TypeOrmModule.forFeature([Setting])],
  providers: [MessageRetentionService, MaintenanceScheduler],
  exports: [MessageRetentionService],
})
export class MaintenanceModule {}
