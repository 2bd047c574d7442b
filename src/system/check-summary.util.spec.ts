import { CheckRecord, summarizeChecks } from './check-summary.util';

const NOW = new Date('2026-11-25T12:00:00Z');
const hoursAgo = (h: number): Date => new Date(NOW.getTime() - h * 3_600_000);

function checks(passed: number, failed: number, at = hoursAgo(1)): CheckRecord[] {
  return [
    ...Array.from({ length: failed }, () => ({
      passed: false,
      duration: 2,
      createdAt: new Date(at.getTime() - 1000),
      failedSteps: ['worker_roundtrip'],
    })),
    ...Array.from({ length: passed }, () => ({
      passed: true,
      duration: 1,
      createdAt: at,
      failedSteps: [],
    })),
  ];
}

describe('summarizeChecks', () => {
  it('reports no data without checks, with an action to run one', () => {
    const s = summarizeChecks([], 7, NOW);
    expect(s.overall_status).toBe('no_data');
    expect(s.overall_label).toBe('veri yok');
    expect(s.success_rate).toBeNull();
    expect(s.daily).toHaveLength(7);
    expect(s.recommended_actions[0]).toContain('POST /system/checks');
  });

  it.each([
    [19, 1, 'healthy', 'sağlıklı'],
    [95, 5, 'healthy', 'sağlıklı'],
    [94, 6, 'warning', 'dikkat'],
    [80, 20, 'warning', 'dikkat'],
    [79, 21, 'critical', 'kritik'],
  ])('%i passed and %i failed → %s', (passed, failed, status, label) => {
    const s = summarizeChecks(checks(passed, failed), 1, NOW);
    expect(s.overall_status).toBe(status);
    expect(s.overall_label).toBe(label);
    expect(s.success_rate).toBe(Math.round((passed / (passed + failed)) * 1000) / 10);
  });

  it('treats a failed latest check as a warning even with a good rate', () => {
    const list = checks(99, 0);
    list.push({ passed: false, duration: 1, createdAt: hoursAgo(0.1), failedSteps: ['redis'] });
    const s = summarizeChecks(list, 1, NOW);
    expect(s.overall_status).toBe('warning');
    expect(s.insights).toContain('En son kontrol başarısız oldu.');
  });

  it('breaks down by Istanbul day and names the most frequent failing step', () => {
    const list: CheckRecord[] = [
      // 23:30 UTC on the 23rd is already the 24th in Istanbul (UTC+3).
      {
        passed: false,
        duration: 3,
        createdAt: new Date('2026-11-23T23:30:00Z'),
        failedSteps: ['redis'],
      },
      { passed: true, duration: 1, createdAt: new Date('2026-11-25T08:00:00Z'), failedSteps: [] },
    ];
    const s = summarizeChecks(list, 3, NOW);
    expect(s.daily.map((d) => d.date)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
    expect(s.daily[1]).toMatchObject({ total: 1, failed: 1, success_rate: 0, average_duration: 3 });
    expect(s.daily[2]).toMatchObject({ total: 1, passed: 1, success_rate: 100 });
    expect(s.insights).toContain('En sık başarısız adım: redis (1 kez).');
    expect(s.average_duration).toBe(2);
  });

  it('ignores checks outside the window and flags stale and slow checks', () => {
    const list: CheckRecord[] = [
      { passed: true, duration: 30, createdAt: hoursAgo(30), failedSteps: [] },
      { passed: false, duration: 1, createdAt: hoursAgo(24 * 10), failedSteps: ['x'] },
    ];
    const s = summarizeChecks(list, 7, NOW);
    expect(s.total_checks).toBe(1);
    expect(s.overall_status).toBe('healthy');
    expect(s.insights.some((i) => i.includes('yavaş'))).toBe(true);
    expect(s.insights.some((i) => i.includes('24 saatten'))).toBe(true);
  });
});
