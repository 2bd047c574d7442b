import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { RedisService } from '../redis/redis.service';
import { DomainEvent, EVENTS_CHANNEL, parseDomainEvent, publishDomainEvent } from './domain-events';

/** What a subscriber hears: events, and a resync after a reconnect (events may have been missed). */
export interface DomainEventListener {
  onEvent(event: DomainEvent): void;
  /** Called after the subscriber connection came back: drop everything cached. */
  onResync(): void;
}

/**
 * The process' one subscriber connection to the events channel, shared by every cache, plus the
 * publishing side. Subscribing starts at bootstrap without blocking it (the API must start even
 * while Redis is briefly away); `ready()` resolves once the subscription is active.
 */
@Injectable()
export class DomainEventBus implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DomainEventBus.name);
  private readonly listeners = new Set<DomainEventListener>();
  private subscribed?: Promise<void>;

  constructor(private readonly redis: RedisService) {}

  get channel(): string {
    return this.redis.key(EVENTS_CHANNEL);
  }

  async publish(event: DomainEvent): Promise<void> {
    await publishDomainEvent(this.redis, event);
  }

  /** Registers a listener; returns the function that removes it. */
  listen(listener: DomainEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onApplicationBootstrap(): void {
    void this.ready().catch((error: unknown) =>
      this.logger.warn(`Events subscription not active yet: ${(error as Error).message}`),
    );
  }

  /** Resolves when the subscription is active (starts it on first call). */
  ready(): Promise<void> {
    this.subscribed ??= this.subscribe();
    return this.subscribed;
  }

  async onModuleDestroy(): Promise<void> {
    this.listeners.clear();
  }

  private async subscribe(): Promise<void> {
    const connection = this.redis.createConnection('events');
    connection.on('message', (channel: string, raw: string) => {
      if (channel !== this.channel) {
        return;
      }
      const event = parseDomainEvent(raw);
      if (event) {
        this.dispatch((l) => l.onEvent(event));
      }
    });
    if (connection.status !== 'ready') {
      await new Promise<void>((resolve) => connection.once('ready', () => resolve()));
    }
    // ioredis re-subscribes by itself after a reconnect; what was published meanwhile is lost,
    // so every later 'ready' tells the caches to start over.
    connection.on('ready', () => this.dispatch((l) => l.onResync()));
    await connection.subscribe(this.channel);
  }

  private dispatch(call: (listener: DomainEventListener) => void): void {
    for (const listener of this.listeners) {
      try {
        call(listener);
      } catch (error) {
        this.logger.error({ err: error }, 'Domain event listener failed');
      }
    }
  }
}
