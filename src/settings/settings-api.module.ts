import { Module } from '@nestjs/common';
import { SettingsController } from './settings.controller';
import { SettingsModule } from './settings.module';

/** The settings endpoints (API process only). */
@Module({
  imports: [SettingsModule],
  controllers: [SettingsController],
})
export class SettingsApiModule {}
