import type { BotStatus, ChatMessage, DashboardSnapshot, Metrics, SystemCheck } from '@/api/types';

/**
 * What the dashboard understands of the /ws/dashboard stream: the periodic snapshot and the
 * domain events the gateway forwards (src/events/domain-events.ts; `chat_id` there is our
 * chats.id). A sent message becomes a feed row shaped like GET /logs rows.
 */
export type LiveEvent =
  | DashboardSnapshot
  | { type: 'message_sent'; message: ChatMessage }
  | { type: 'message_failed'; message_id: number; reason: string }
  | { type: 'bot_status'; bot_id: number; status: BotStatus; reason: string | null }
  | { type: 'settings_updated'; keys: string[] }
  | { type: 'control'; simulation_active?: boolean; factor?: number };

const BOT_STATUSES: readonly string[] = ['active', 'paused', 'error'] satisfies BotStatus[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const numberOrNull = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** Parses one frame; anything unrecognised or malformed yields null and is ignored. */
export function parseLiveEvent(frame: string): LiveEvent | null {
  let body: unknown;
  try {
    body = JSON.parse(frame);
  } catch {
    return null;
  }
  if (!isRecord(body)) {
    return null;
  }
  switch (body.type) {
    case 'dashboard_snapshot':
      if (!isRecord(body.metrics)) {
        return null;
      }
      return {
        type: 'dashboard_snapshot',
        generated_at:
          typeof body.generated_at === 'string' ? body.generated_at : new Date().toISOString(),
        metrics: body.metrics as Metrics,
        latest_check: isRecord(body.latest_check)
          ? (body.latest_check as unknown as SystemCheck)
          : null,
      };
    case 'message_sent': {
      if (typeof body.message_id !== 'number' || typeof body.text !== 'string') {
        return null;
      }
      const sentAt = typeof body.sent_at === 'string' ? body.sent_at : new Date().toISOString();
      return {
        type: 'message_sent',
        message: {
          id: body.message_id,
          bot_id: numberOrNull(body.bot_id),
          bot_name: null,
          chat_db_id: numberOrNull(body.chat_id),
          chat_title: null,
          kind: body.kind === 'reaction' ? 'reaction' : 'text',
          telegram_message_id: numberOrNull(body.telegram_message_id),
          text: body.text,
          reply_to_message_id: numberOrNull(body.reply_to_message_id),
          msg_metadata: {},
          state: 'sent',
          attempts: 1,
          sent_at: sentAt,
          created_at: sentAt,
        },
      };
    }
    case 'message_failed':
      return typeof body.message_id === 'number'
        ? {
            type: 'message_failed',
            message_id: body.message_id,
            reason: typeof body.reason === 'string' ? body.reason : '',
          }
        : null;
    case 'bot_status':
      if (typeof body.bot_id !== 'number' || !BOT_STATUSES.includes(String(body.status))) {
        return null;
      }
      return {
        type: 'bot_status',
        bot_id: body.bot_id,
        status: body.status as BotStatus,
        reason: typeof body.reason === 'string' ? body.reason : null,
      };
    case 'settings_updated':
      return {
        type: 'settings_updated',
        keys: Array.isArray(body.keys) ? body.keys.filter((k) => typeof k === 'string') : [],
      };
    case 'control':
      return {
        type: 'control',
        simulation_active:
          typeof body.simulation_active === 'boolean' ? body.simulation_active : undefined,
        factor: typeof body.factor === 'number' ? body.factor : undefined,
      };
    default:
      return null;
  }
}
