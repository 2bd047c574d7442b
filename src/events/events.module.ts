import { Module } from '@nestjs/common';
import { DomainEventBus } from './domain-event-bus.service';
import { DomainEventPublisher } from './domain-event-publisher.service';

/** The events channel of the process: one subscriber connection, shared by every cache. */
@Module({
  providers: [DomainEventBus, DomainEventPublisher],
  exports: [DomainEventBus, DomainEventPublisher],
})
export class EventsModule {}
