import { RedisService } from '../redis/redis.service';

/**
 * Everything that happens and that other processes must learn about: caches to invalidate,
 * settings to reload, dashboards to update. Published as JSON on one Redis channel
 * (`<prefix>:events`); each process subscribes once and fans out in memory. Events carry ids and
 * small facts, never secrets.
 */
export type DomainEvent =
  | { type: 'settings_updated'; keys: string[] }
  | { type: 'control'; action: 'start' | 'stop' | 'scale'; factor?: number }
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
  | { type: 'bot_status'; bot_id: number; status: string; reason: string | null; chat_id?: number }
  | { type: 'session_revoked'; user_id: number };

export type DomainEventType = DomainEvent['type'];

/** Channel name part, prefixed by RedisService.key. */
export const DOMAIN_EVENTS_CHANNEL = 'events';

export function eventsChannel(redis: RedisService): string {
  return redis.key(DOMAIN_EVENTS_CHANNEL);
}

/** Publishes an event to every process; failures are the caller's to log (events are advisory). */
export async function publishDomainEvent(redis: RedisService, event: DomainEvent): Promise<void> {
  await redis.client.publish(eventsChannel(redis), JSON.stringify(event));
}
