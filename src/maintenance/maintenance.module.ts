import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessageLedger } from '../messages/message-ledger.service';
import { Setting } from '../settings/entities/setting.entity';
import { MaintenanceScheduler } from './maintenance-scheduler.service';
import { MessageReaper } from './message-reaper.service';
import { MessageRetentionService } from './message-retention.service';

/** Services of the maintenance queue's jobs, and their schedules (worker process only). */
@Module({
  imports: [TypeOrmModule.forFeature([Setting])],
  providers: [MessageRetentionService, MessageReaper, MessageLedger, MaintenanceScheduler],
  exports: [MessageRetentionService, MessageReaper],
})
export class MaintenanceModule {}
