import { describe, expect, it } from 'vitest';
import { parseLiveEvent } from './live-events';

describe('parseLiveEvent', () => {
  it('reads a dashboard snapshot', () => {
    const event = parseLiveEvent(
      JSON.stringify({
        type: 'dashboard_snapshot',
        generated_at: '2026-01-01T00:00:00Z',
        metrics: { total_bots: 3 },
        latest_check: null,
      }),
    );
    expect(event).toMatchObject({
      type: 'dashboard_snapshot',
      metrics: { total_bots: 3 },
      latest_check: null,
    });
  });

  it('turns message_sent into a feed row and reads message_failed', () => {
    const sent = parseLiveEvent(
      JSON.stringify({
        type: 'message_sent',
        message_id: 7,
        chat_id: 2,
        bot_id: 3,
        kind: 'text',
        telegram_message_id: 501,
        reply_to_message_id: 500,
        text: 'selam',
        sent_at: '2026-01-01T10:00:00Z',
      }),
    );
    expect(sent).toMatchObject({
      type: 'message_sent',
      message: {
        id: 7,
        chat_db_id: 2,
        bot_id: 3,
        telegram_message_id: 501,
        reply_to_message_id: 500,
        text: 'selam',
        state: 'sent',
        created_at: '2026-01-01T10:00:00Z',
      },
    });
    expect(
      parseLiveEvent(
        JSON.stringify({
          type: 'message_failed',
          message_id: 9,
          state: 'failed',
          reason: 'kicked',
        }),
      ),
    ).toEqual({ type: 'message_failed', message_id: 9, reason: 'kicked' });
    expect(parseLiveEvent(JSON.stringify({ type: 'message_sent', id: 1 }))).toBeNull();
  });

  it('ignores garbage and unknown types', () => {
    expect(parseLiveEvent('not json')).toBeNull();
    expect(parseLiveEvent(JSON.stringify({ type: 'mystery' }))).toBeNull();
    expect(parseLiveEvent(JSON.stringify({ type: 'bot_status', status: 'error' }))).toBeNull();
    expect(parseLiveEvent(JSON.stringify([1, 2]))).toBeNull();
  });

  it('reads bot status, settings and control events', () => {
    expect(
      parseLiveEvent(
        JSON.stringify({ type: 'bot_status', bot_id: 2, status: 'error', reason: 'kicked' }),
      ),
    ).toEqual({ type: 'bot_status', bot_id: 2, status: 'error', reason: 'kicked' });
    expect(
      parseLiveEvent(JSON.stringify({ type: 'settings_updated', keys: ['scale_factor'] })),
    ).toEqual({ type: 'settings_updated', keys: ['scale_factor'] });
    expect(parseLiveEvent(JSON.stringify({ type: 'control', action: 'scale', factor: 2 }))).toEqual(
      { type: 'control', simulation_active: undefined, factor: 2 },
    );
  });
});
