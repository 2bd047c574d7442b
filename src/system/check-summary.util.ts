/**
 * Summary of recent system checks with Turkish insights, as the dashboard shows it. Pure: the
 * caller passes the checks of the window and the clock.
 *
 * Thresholds (success rate = passed checks / all checks in the window):
 * - ≥ 95 %  → "healthy"  (sağlıklı)
 * - 80–95 % → "warning"  (dikkat)
 * - < 80 %  → "critical" (kritik)
 * - no checks → "no_data" (veri yok)
 * The latest check failing lifts "healthy" to "warning": a fresh failure needs a look even when
 * the window's rate is still good.
 */
export const HEALTHY_RATE = 95;
export const WARNING_RATE = 80;
/** Average check duration above this (seconds) is reported as slow. */
export const SLOW_CHECK_SECONDS = 10;
/** Without a check for this long, the summary says checks are not being run. */
export const STALE_CHECK_HOURS = 24;

export type OverallStatus = 'healthy' | 'warning' | 'critical' | 'no_data';

export const STATUS_LABELS: Record<OverallStatus, string> = {
  healthy: 'sağlıklı',
  warning: 'dikkat',
  critical: 'kritik',
  no_data: 'veri yok',
};

export interface CheckRecord {
  passed: boolean;
  /** Seconds. */
  duration: number;
  createdAt: Date;
  failedSteps: string[];
}

export interface DailyBreakdown {
  date: string;
  total: number;
  passed: number;
  failed: number;
  success_rate: number | null;
  average_duration: number | null;
}

export interface CheckSummary {
  window_days: number;
  window_start: string;
  window_end: string;
  total_checks: number;
  passed_checks: number;
  failed_checks: number;
  success_rate: number | null;
  average_duration: number | null;
  last_check_at: string | null;
  overall_status: OverallStatus;
  overall_label: string;
  daily: DailyBreakdown[];
  insights: string[];
  recommended_actions: string[];
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
const round2 = (x: number): number => Math.round(x * 100) / 100;

/** YYYY-MM-DD of an instant in a timezone. */
function dayOf(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

function rateOf(passed: number, total: number): number | null {
  return total === 0 ? null : round1((passed / total) * 100);
}

function statusFor(rate: number | null, lastFailed: boolean): OverallStatus {
  if (rate === null) {
    return 'no_data';
  }
  if (rate < WARNING_RATE) {
    return 'critical';
  }
  if (rate < HEALTHY_RATE || lastFailed) {
    return 'warning';
  }
  return 'healthy';
}

export function summarizeChecks(
  checks: CheckRecord[],
  windowDays: number,
  now: Date,
  timeZone = 'Europe/Istanbul',
): CheckSummary {
  const windowStart = new Date(now.getTime() - windowDays * 86_400_000);
  const inWindow = checks
    .filter((c) => c.createdAt >= windowStart && c.createdAt <= now)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const passed = inWindow.filter((c) => c.passed).length;
  const total = inWindow.length;
  const rate = rateOf(passed, total);
  const averageDuration =
    total === 0 ? null : round2(inWindow.reduce((s, c) => s + c.duration, 0) / total);
  const last = inWindow[inWindow.length - 1];
  const status = statusFor(rate, last !== undefined && !last.passed);

  // Every day of the window, oldest first, including days without checks.
  const daily: DailyBreakdown[] = [];
  const byDay = new Map<string, CheckRecord[]>();
  for (const c of inWindow) {
    const day = dayOf(c.createdAt, timeZone);
    byDay.set(day, [...(byDay.get(day) ?? []), c]);
  }
  const days: string[] = [];
  for (let i = windowDays - 1; i >= 0; i--) {
    const day = dayOf(new Date(now.getTime() - i * 86_400_000), timeZone);
    if (!days.includes(day)) {
      days.push(day);
    }
  }
  for (const day of days) {
    const list = byDay.get(day) ?? [];
    const ok = list.filter((c) => c.passed).length;
    daily.push({
      date: day,
      total: list.length,
      passed: ok,
      failed: list.length - ok,
      success_rate: rateOf(ok, list.length),
      average_duration:
        list.length === 0 ? null : round2(list.reduce((s, c) => s + c.duration, 0) / list.length),
    });
  }

  const insights: string[] = [];
  const actions: string[] = [];
  if (total === 0) {
    insights.push(`Son ${windowDays} günde hiç sistem kontrolü çalıştırılmamış.`);
    actions.push('Panelden "Sistem kontrolü"nü çalıştırın (POST /system/checks).');
  } else {
    insights.push(
      `Son ${windowDays} günde ${total} kontrol çalıştı: ${passed} başarılı, ${total - passed} ` +
        `başarısız (başarı oranı %${rate}). Genel durum: ${STATUS_LABELS[status]}.`,
    );
    const failedDays = daily.filter((d) => d.failed > 0).map((d) => d.date);
    if (failedDays.length > 0) {
      insights.push(`Başarısız kontrol görülen günler: ${failedDays.join(', ')}.`);
    }
    const stepCounts = new Map<string, number>();
    for (const c of inWindow) {
      for (const step of c.failedSteps) {
        stepCounts.set(step, (stepCounts.get(step) ?? 0) + 1);
      }
    }
    const worst = [...stepCounts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    if (worst.length > 0) {
      insights.push(`En sık başarısız adım: ${worst[0][0]} (${worst[0][1]} kez).`);
    }
    if (averageDuration !== null && averageDuration > SLOW_CHECK_SECONDS) {
      insights.push(`Kontroller yavaş: ortalama süre ${averageDuration} sn.`);
      actions.push(
        'Veritabanı ve worker yükünü inceleyin; kuyruklarda biriken iş olup olmadığına bakın.',
      );
    }
    if (last && now.getTime() - last.createdAt.getTime() > STALE_CHECK_HOURS * 3_600_000) {
      insights.push(`Son kontrol ${STALE_CHECK_HOURS} saatten daha eski.`);
      actions.push('Sistem kontrolünü düzenli çalıştırın (örneğin günde bir kez).');
    }
    if (last && !last.passed) {
      insights.push('En son kontrol başarısız oldu.');
    }
    switch (status) {
      case 'critical':
        actions.push(
          'Son kontrol raporundaki başarısız adımları inceleyin (GET /system/checks/latest).',
          'Veritabanı, Redis ve worker süreçlerinin çalıştığını doğrulayın (GET /system/health).',
        );
        break;
      case 'warning':
        actions.push(
          'Tekrarlayan hataları son kontrol raporunda inceleyin ve düzeltildikten sonra kontrolü yeniden çalıştırın.',
        );
        break;
      case 'healthy':
      case 'no_data':
        break;
    }
    if (worst.some(([step]) => step === 'worker_roundtrip')) {
      actions.push(
        'Worker süreçlerini kontrol edin: en az bir worker maintenance kuyruğunu dinlemeli.',
      );
    }
    if (actions.length === 0) {
      actions.push('Ek bir işlem gerekmiyor.');
    }
  }

  return {
    window_days: windowDays,
    window_start: windowStart.toISOString(),
    window_end: now.toISOString(),
    total_checks: total,
    passed_checks: passed,
    failed_checks: total - passed,
    success_rate: rate,
    average_duration: averageDuration,
    last_check_at: last ? last.createdAt.toISOString() : null,
    overall_status: status,
    overall_label: STATUS_LABELS[status],
    daily,
    insights,
    recommended_actions: actions,
  };
}
