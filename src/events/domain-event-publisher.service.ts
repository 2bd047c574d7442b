import { Injectable, Logger } from '@nestjs/common';
import { RedisService } from '../redis/redis.service';
import { DomainEvent, publishDomainEvent } from './domain-events';

/**
 * Publishes change events after a commit. A failed publish is logged, not thrown: the change is
 * already committed, and failing the request would tell the operator it did not happen. Workers'
 * caches expire on their own, so a lost event costs staleness, not correctness.
 */
@Injectable()
export class DomainEventPublisher {
  private readonly logger = new Logger(DomainEventPublisher.name);

  constructor(private readonly redis: RedisService) {}

  async publish(...events: DomainEvent[]): Promise<void> {
    for (const event of events) {
      try {
        await publishDomainEvent(this.redis, event);
      } catch (error) {
        this.logger.warn(`Could not publish ${event.type}: ${(error as Error).message}`);
      }
    }
  }
}
