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

  it('accepts the message under `message`, `data` or at the top level', () => {
    const nested = parseLiveEvent(
      JSON.stringify({ type: 'message_sent', message: { id: 7, text: 'selam' } }),
    );
    const enveloped = parseLiveEvent(
      JSON.stringify({ type: 'message_sent', data: { message: { id: 8, text: 'x' } } }),
    );
    const flat = parseLiveEvent(
      JSON.stringify({ type: 'message_failed', id: 9, text: 'y', state_reason: 'kicked' }),
    );
    expect(nested).toMatchObject({
      type: 'message_sent',
      message: { id: 7, text: 'selam', state: 'sent' },
    });
    expect(enveloped).toMatchObject({ message: { id: 8 } });
    expect(flat).toMatchObject({
      type: 'message_failed',
      message: { id: 9, state: 'failed', state_reason: 'kicked' },
    });
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
        JSON.stringify({ type: 'bot_status', bot_id: 2, status: 'error', last_error: 'kicked' }),
      ),
    ).toEqual({
      type: 'bot_status',
      bot_id: 2,
      status: 'error',
      last_error: 'kicked',
    });
    expect(
      parseLiveEvent(JSON.stringify({ type: 'settings_updated', key: 'scale_factor', value: 2 })),
    ).toEqual({
      type: 'settings_updated',
      key: 'scale_factor',
      value: 2,
    });
    expect(
      parseLiveEvent(JSON.stringify({ type: 'control', action: 'start', simulation_active: true })),
    ).toMatchObject({
      type: 'control',
      action: 'start',
      simulation_active: true,
    });
  });
});
