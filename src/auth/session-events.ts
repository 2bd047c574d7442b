/**
 * Published on the Redis channel `<REDIS_PREFIX>:events:auth` (RedisService.key('events','auth'))
 * whenever sessions are revoked: the WebSocket gateway subscribes and closes the affected sockets
 * (all of the user's when `session_id` is null). Carries ids only, never a secret.
 */
export interface SessionRevokedEvent {
  type: 'session_revoked';
  user_id: number;
  /** The one revoked session, or null when every session of the user was revoked. */
  session_id: number | null;
  reason: 'logout' | 'password_changed' | 'user_disabled' | 'user_deleted' | 'role_changed';
}

/** Published on the same channel when an API key is revoked (credential caches drop it). */
export interface ApiKeyRevokedEvent {
  type: 'api_key_revoked';
  user_id: number;
  api_key_id: number;
}

export type AuthEvent = SessionRevokedEvent | ApiKeyRevokedEvent;

export const AUTH_EVENTS_CHANNEL_PARTS = ['events', 'auth'] as const;
