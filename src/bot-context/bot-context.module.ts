import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { BotContextCache } from './bot-context-cache.service';

/** The engine's cached view of bots (workers import this). */
@Module({
  imports: [EventsModule],
  providers: [BotContextCache],
  exports: [BotContextCache],
})
export class BotContextModule {}
