import Redis from 'ioredis';

/**
 * Events that cross process boundaries on the `<prefix>:events` Redis channel: configuration
 * changes that caches must drop, and control actions the live feed shows. A discriminated union
 * on `type`; payloads carry ids and small scalars only, never secrets.
 */
export type DomainEvent =
  | { type: 'settings_updated'; keys: string[] }
  | {
      type: 'control';
      action: 'start' | 'stop' | 'scale';
      simulation_active?: boolean;
      factor?: number;
    }
  | { type: 'bot_changed'; bot_id: number }
  | { type: 'chat_changed'; chat_id: number };

export type DomainEventType = DomainEvent['type'];

/** The channel name part; the full channel is RedisService.key(EVENTS_CHANNEL). */
export const EVENTS_CHANNEL = 'events';

const EVENT_TYPES: ReadonlySet<string> = new Set<DomainEventType>([
  'settings_updated',
  'control',
  'bot_changed',
  'chat_changed',
]);

/** Publishes one event; `channel` is the prefixed channel (RedisService.key(EVENTS_CHANNEL)). */
export async function publishDomainEvent(
  redis: Redis,
  channel: string,
  event: DomainEvent,
): Promise<void> {
  await redis.publish(channel, JSON.stringify(event));
}

/**
 * Parses a message from the channel. Unknown or malformed messages yield null: a newer process
 * may publish event types this one does not know yet, and that must not break it.
 */
export function parseDomainEvent(raw: string): DomainEvent | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) {
    return null;
  }
  const type = (parsed as { type?: unknown }).type;
  return typeof type === 'string' && EVENT_TYPES.has(type) ? (parsed as DomainEvent) : null;
}
