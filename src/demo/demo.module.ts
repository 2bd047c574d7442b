import { Module } from '@nestjs/common';
import { BotsModule } from '../bots/bots.module';
import { ChatsModule } from '../chats/chats.module';
import { EventsModule } from '../events/events.module';
import { DemoBotsController } from './demo-bots.controller';
import { DemoBotsService } from './demo-bots.service';

@Module({
  imports: [BotsModule, ChatsModule, EventsModule],
  controllers: [DemoBotsController],
  providers: [DemoBotsService],
})
export class DemoModule {}
