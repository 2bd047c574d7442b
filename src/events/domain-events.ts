import { RedisService } from '../redis/redis.service';

/**
 * Changes other processes must react to (workers drop their cached copy of the bot or chat).
 * Published on the Redis channel `<REDIS_PREFIX>:events` as JSON, after the change is committed.
 * `chat_id` is our chats.id (the database row), not Telegram's chat id.
 */
export type DomainEvent =
  { type: 'bot_changed'; bot_id: number } | { type: 'chat_changed'; chat_id: number };

/** Channel name part, prefixed by RedisService.key. */
export const DOMAIN_EVENTS_CHANNEL = 'events';

/** Publishes one event; rejects when Redis is unreachable (callers decide whether that matters). */
export async function publishDomainEvent(redis: RedisService, event: DomainEvent): Promise<void> {
  await redis.client.publish(redis.key(DOMAIN_EVENTS_CHANNEL), JSON.stringify(event));
}
