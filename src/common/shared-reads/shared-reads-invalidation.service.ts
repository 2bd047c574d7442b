import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEventType } from '../../events/domain-events';
import { DomainEventBus } from '../../events/domain-event-bus.service';
import { SharedReads } from './shared-reads';

/**
 * Changes that any process announces (domain events) and that a shared read may show: a bot's or
 * chat's row, settings, the simulation's state. Messages are not among them: the reads that show
 * messages share a result only while it is being computed, or lag by design (metrics).
 */
export const INVALIDATING_EVENTS: ReadonlySet<DomainEventType> = new Set<DomainEventType>([
  'bot_changed',
  'bot_status',
  'chat_changed',
  'settings_updated',
  'control',
]);

/**
 * Drops the shared read results when another process (a worker, another API replica) announces
 * a change they may show, and after the events connection came back (events may have been
 * missed). Changes made through this process invalidate them before their response already
 * (InvalidateSharedReadsInterceptor).
 */
@Injectable()
export class SharedReadsInvalidation implements OnModuleInit {
  constructor(
    private readonly sharedReads: SharedReads,
    private readonly events: DomainEventBus,
  ) {}

  onModuleInit(): void {
    this.events.listen({
      onEvent: (event) => {
        if (INVALIDATING_EVENTS.has(event.type)) {
          this.sharedReads.invalidate();
        }
      },
      onResync: () => this.sharedReads.invalidate(),
    });
  }
}
