import type { Metrics, SystemCheck } from '@/api/types';

/** An alert as an i18n key plus parameters, so the view translates it. */
export interface Alert {
  id: string;
  level: 'error' | 'warning' | 'info';
  key: string;
  params?: Record<string, string | number>;
}

export interface AlertInput {
  metrics: Metrics | null;
  /** The snapshot before `metrics`, to turn counters into "new since last time". */
  previous: Metrics | null;
  latestCheck: SystemCheck | null;
  botsInError: number;
  live: boolean;
}

/** Derives the overview's alerts from what the dashboard already has (no extra requests). */
export function deriveAlerts(input: AlertInput): Alert[] {
  const alerts: Alert[] = [];
  const { metrics, previous } = input;
  if (!input.live) {
    alerts.push({ id: 'offline', level: 'warning', key: 'alerts.offline' });
  }
  if (metrics) {
    if (!metrics.simulation_active) {
      alerts.push({ id: 'stopped', level: 'info', key: 'alerts.simulationStopped' });
    }
    const new429 = previous ? metrics.telegram_429_count - previous.telegram_429_count : 0;
    if (new429 > 0) {
      alerts.push({
        id: '429',
        level: 'warning',
        key: 'alerts.telegram429',
        params: { count: new429 },
      });
    }
    const new5xx = previous ? metrics.telegram_5xx_count - previous.telegram_5xx_count : 0;
    if (new5xx > 0) {
      alerts.push({
        id: '5xx',
        level: 'error',
        key: 'alerts.telegram5xx',
        params: { count: new5xx },
      });
    }
    if (metrics.simulation_active && metrics.active_bots === 0) {
      alerts.push({ id: 'no-bots', level: 'warning', key: 'alerts.noActiveBots' });
    }
  }
  if (input.botsInError > 0) {
    alerts.push({
      id: 'bot-errors',
      level: 'error',
      key: 'alerts.botErrors',
      params: { count: input.botsInError },
    });
  }
  if (input.latestCheck?.status === 'failed') {
    alerts.push({
      id: 'check-failed',
      level: 'error',
      key: 'alerts.checkFailed',
      params: { failed: input.latestCheck.failed_steps, total: input.latestCheck.total_steps },
    });
  }
  return alerts;
}
