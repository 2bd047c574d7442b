import { RedisService } from '../redis/redis.service';

/**
 * Everything that happens and that other processes must learn about: caches to invalidate,
 * settings to reload, dashboards to update. Published as JSON on one Redis channel
 * (`<prefix>:events`) after the change is committed; each process subscribes once
 * (DomainEventBus) and fans out in memory. Events carry ids and small facts, never secrets.
 * `chat_id` is our chats.id (the database row), not Telegram's chat id.
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
  | { type: 'chat_changed'; chat_id: number }
  | {
      type: 'message_sent';
      message_id: number;
      chat_id: number;
      bot_id: number | null;
      kind: 'text' | 'reaction';
      telegram_message_id: number | null;
      reply_to_message_id: number | null;
      text: string;
      sent_at: string;
    }
  | {
      type: 'message_failed';
      message_id: number;
      chat_id: number | null;
      bot_id: number | null;
      state: string;
      reason: string;
    }
  | { type: 'bot_status'; bot_id: number; status: string; reason: string | null; chat_id?: number };

export type DomainEventType = DomainEvent['type'];

/** The channel name part; the full channel is RedisService.key(EVENTS_CHANNEL). */
export const EVENTS_CHANNEL = 'events';

const EVENT_TYPES: ReadonlySet<string> = new Set<DomainEventType>([
  'settings_updated',
  'control',
  'bot_changed',
  'chat_changed',
  'message_sent',
  'message_failed',
  'bot_status',
]);

export function eventsChannel(redis: RedisService): string {
  return redis.key(EVENTS_CHANNEL);
}

/** Publishes one event; rejects when Redis is unreachable (callers decide whether that matters). */
export async function publishDomainEvent(redis: RedisService, event: DomainEvent): Promise<void> {
  await redis.client.publish(eventsChannel(redis), JSON.stringify(event));
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
