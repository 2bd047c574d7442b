import { Module } from '@nestjs/common';
import { EngineModule } from '../engine/engine.module';
import { SettingsModule } from '../settings/settings.module';
import { HumanMessageService } from './human-message.service';
import { PollerSupervisor } from './poller-supervisor.service';
import { UpdateBodyStore } from './update-body-store';
import { UpdateIntake } from './update-intake.service';

/** Worker side of the updates intake: pollers, and the handling of each received update. */
@Module({
  imports: [EngineModule, SettingsModule],
  providers: [UpdateBodyStore, UpdateIntake, HumanMessageService, PollerSupervisor],
  exports: [UpdateBodyStore, HumanMessageService],
})
export class UpdatesModule {}
