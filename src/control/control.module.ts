import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { SettingsModule } from '../settings/settings.module';
import { ControlController } from './control.controller';
import { ControlService } from './control.service';

@Module({
  imports: [SettingsModule, EventsModule],
  controllers: [ControlController],
  providers: [ControlService],
})
export class ControlModule {}
