/** WebSocket close codes of /ws/dashboard (4000–4999 are for applications). */
export const WS_CLOSE = {
  /** No valid credentials at the handshake, or the session was revoked. */
  unauthenticated: 4401,
  /** Credentials fine but the request is refused (cross-site origin for a cookie session). */
  forbidden: 4403,
} as const;

/** Events forwarded to dashboards as they happen; everything else stays server-side. */
export const LIVE_EVENT_TYPES: ReadonlySet<string> = new Set([
  'message_sent',
  'message_failed',
  'bot_status',
  'settings_updated',
  'control',
]);
