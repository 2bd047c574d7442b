import Redis from 'ioredis';
import { DomainEvent, EVENTS_CHANNEL, parseDomainEvent } from '../../src/events/domain-events';
import { TEST_REDIS_URL } from './test-env';

/** Listens on a test prefix' events channel and records every event, for assertions. */
export class EventRecorder {
  readonly events: DomainEvent[] = [];

  private constructor(private readonly connection: Redis) {}

  static async start(prefix: string): Promise<EventRecorder> {
    const connection = new Redis(TEST_REDIS_URL);
    const recorder = new EventRecorder(connection);
    connection.on('message', (_channel: string, raw: string) => {
      const event = parseDomainEvent(raw);
      if (event) {
        recorder.events.push(event);
      }
    });
    await connection.subscribe(`${prefix}:${EVENTS_CHANNEL}`);
    return recorder;
  }

  /** Resolves with the first recorded event matching, waiting up to `timeoutMs`. */
  async waitFor<T extends DomainEvent>(
    match: (event: DomainEvent) => event is T,
    timeoutMs?: number,
  ): Promise<T>;
  async waitFor(match: (event: DomainEvent) => boolean, timeoutMs?: number): Promise<DomainEvent>;
  async waitFor(match: (event: DomainEvent) => boolean, timeoutMs = 2000): Promise<DomainEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(match);
      if (found) {
        return found;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `No matching event within ${timeoutMs} ms; got ${JSON.stringify(this.events)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async stop(): Promise<void> {
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
