import type { BotStatus, ChatMessage, DashboardSnapshot, Metrics, SystemCheck } from '@/api/types';

/** What the dashboard understands of the /ws/dashboard stream (SPEC 4, "live"). */
export type LiveEvent =
  | DashboardSnapshot
  | { type: 'message_sent' | 'message_failed'; message: ChatMessage }
  | { type: 'bot_status'; bot_id: number; status: BotStatus; last_error: string | null }
  | { type: 'settings_updated'; key: string | null; value: unknown }
  | { type: 'control'; action: string; simulation_active?: boolean; scale_factor?: number };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses one frame. The event's fields may sit at the top level or under `data`/`payload`
 * (the gateway's envelope is not fixed yet); anything unrecognised yields null and is ignored.
 */
export function parseLiveEvent(frame: string): LiveEvent | null {
  let raw: unknown;
  try {
    raw = JSON.parse(frame);
  } catch {
    return null;
  }
  if (!isRecord(raw) || typeof raw.type !== 'string') {
    return null;
  }
  const body: Record<string, unknown> = {
    ...raw,
    ...(isRecord(raw.data) ? raw.data : {}),
    ...(isRecord(raw.payload) ? raw.payload : {}),
  };
  switch (raw.type) {
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
    case 'message_sent':
    case 'message_failed': {
      const message = isRecord(body.message) ? body.message : body;
      if (typeof message.id !== 'number') {
        return null;
      }
      return {
        type: raw.type,
        message: {
          msg_metadata: {},
          reply_to_message_id: null,
          telegram_message_id: null,
          bot_id: null,
          chat_db_id: null,
          text: '',
          created_at: new Date().toISOString(),
          ...message,
          state: raw.type === 'message_sent' ? 'sent' : 'failed',
        } as ChatMessage,
      };
    }
    case 'bot_status':
      if (typeof body.bot_id !== 'number' || typeof body.status !== 'string') {
        return null;
      }
      return {
        type: 'bot_status',
        bot_id: body.bot_id,
        status: body.status as BotStatus,
        last_error: typeof body.last_error === 'string' ? body.last_error : null,
      };
    case 'settings_updated':
      return {
        type: 'settings_updated',
        key: typeof body.key === 'string' ? body.key : null,
        value: body.value,
      };
    case 'control':
      return {
        type: 'control',
        action: typeof body.action === 'string' ? body.action : 'unknown',
        simulation_active:
          typeof body.simulation_active === 'boolean' ? body.simulation_active : undefined,
        scale_factor: typeof body.scale_factor === 'number' ? body.scale_factor : undefined,
      };
    default:
      return null;
  }
}
