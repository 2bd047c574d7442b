import { describe, expect, it } from 'vitest';
import { MetricsFactory } from '@/test/factories';
import { deriveAlerts } from './alerts';

const metrics = MetricsFactory.create({
  total_bots: 4,
  active_bots: 3,
  total_chats: 1,
  messages_last_hour: 40,
  messages_per_minute: 0.7,
  simulation_active: true,
  scale_factor: 1,
  rate_limit_hits: 0,
  telegram_429_count: 2,
  telegram_5xx_count: 0,
});

describe('deriveAlerts', () => {
  it('is quiet when everything is fine', () => {
    expect(
      deriveAlerts({ metrics, previous: metrics, latestCheck: null, botsInError: 0, live: true }),
    ).toEqual([]);
  });

  it('reports only new 429s since the previous snapshot', () => {
    const alerts = deriveAlerts({
      metrics: { ...metrics, telegram_429_count: 5 },
      previous: metrics,
      latestCheck: null,
      botsInError: 0,
      live: true,
    });
    expect(alerts).toEqual([
      { id: '429', level: 'warning', key: 'alerts.telegram429', params: { count: 3 } },
    ]);
  });

  it('flags offline, stopped, bot errors and failed checks', () => {
    const ids = deriveAlerts({
      metrics: { ...metrics, simulation_active: false },
      previous: null,
      latestCheck: {
        id: 1,
        status: 'failed',
        total_steps: 5,
        passed_steps: 3,
        failed_steps: 2,
        duration: 1,
        triggered_by: null,
        details: { steps: [], health_checks: [] },
        created_at: '',
      },
      botsInError: 2,
      live: false,
    }).map((a) => a.id);
    expect(ids).toEqual(['offline', 'stopped', 'bot-errors', 'check-failed']);
  });
});
