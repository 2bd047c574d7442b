import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { SettingsReader } from './settings-reader.service';
import { SettingsService } from './settings.service';

/** Settings logic without HTTP: the API's controllers and the workers both import this. */
@Module({
  imports: [EventsModule],
  providers: [SettingsService, SettingsReader],
  exports: [SettingsService, SettingsReader],
})
export class SettingsModule {}
