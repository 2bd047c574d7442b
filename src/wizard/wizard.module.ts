import { Module } from '@nestjs/common';
import { BotsModule } from '../bots/bots.module';
import { ChatsModule } from '../chats/chats.module';
import { EventsModule } from '../events/events.module';
import { WizardController } from './wizard.controller';
import { WizardService } from './wizard.service';

@Module({
  imports: [BotsModule, ChatsModule, EventsModule],
  controllers: [WizardController],
  providers: [WizardService],
})
export class WizardModule {}
