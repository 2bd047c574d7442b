import { Module } from '@nestjs/common';
import { DomainEventBus } from './domain-event-bus.service';

/** The events channel of the process: one subscriber connection, shared by every cache. */
@Module({
  providers: [DomainEventBus],
  exports: [DomainEventBus],
})
export class EventsModule {}
