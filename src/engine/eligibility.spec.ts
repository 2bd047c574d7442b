import { eligibleSpeakers, isActiveAt, nextActiveAt } from './eligibility';
import { PlannerFactory as F } from './testing/planner-factories';

const IST = 'Europe/Istanbul';
const ist = (iso: string): Date => new Date(`${iso}+03:00`);
const NOON = ist('2026-01-15T12:00:00');

function run(bots: ReturnType<typeof F.bot>[], previousAuthorId: number | null = null, now = NOON) {
  const result = eligibleSpeakers({ bots, now, tz: IST, hourlyMax: 12, previousAuthorId });
  return { ids: result.eligible.map((b) => b.id), excluded: result.excluded };
}

describe('eligibleSpeakers', () => {
  it('keeps enabled, active bots in hours and under the limit', () => {
    expect(run([F.bot({ id: 1 }), F.bot({ id: 2 })]).ids).toEqual([1, 2]);
  });

  it('excludes with a reason for each rule', () => {
    const { ids, excluded } = run([
      F.bot({ id: 1, is_enabled: false }),
      F.bot({ id: 2, status: 'paused' }),
      F.bot({ id: 3, status: 'error' }),
      F.bot({ id: 4, membership: 'failed' }),
      F.bot({ id: 5, paused_until: new Date(NOON.getTime() + 1000) }),
      F.bot({ id: 6, active_hours: ['20:00-23:00'] }),
      F.bot({ id: 7, messages_last_hour: 12 }),
      F.bot({ id: 8, paused_until: new Date(NOON.getTime() - 1000) }),
    ]);
    expect(ids).toEqual([8]);
    expect(excluded).toEqual([
      { bot_id: 1, reason: 'disabled' },
      { bot_id: 2, reason: 'not_active' },
      { bot_id: 3, reason: 'not_active' },
      { bot_id: 4, reason: 'failed_in_chat' },
      { bot_id: 5, reason: 'paused' },
      { bot_id: 6, reason: 'out_of_hours' },
      { bot_id: 7, reason: 'hourly_limit' },
    ]);
  });

  it('applies the chat membership rule', () => {
    // No member rows: every bot takes part (failed ones excepted).
    expect(run([F.bot({ id: 1 }), F.bot({ id: 2, membership: 'failed' })]).ids).toEqual([1]);
    // Member rows exist: only members take part.
    const { ids, excluded } = run([
      F.bot({ id: 1, membership: 'member' }),
      F.bot({ id: 2 }),
      F.bot({ id: 3, membership: 'member' }),
    ]);
    expect(ids).toEqual([1, 3]);
    expect(excluded).toEqual([{ bot_id: 2, reason: 'not_in_chat' }]);
  });

  it('evaluates active hours in the timezone, including midnight-crossing ranges', () => {
    const night = F.bot({ id: 1, active_hours: ['22:00-02:00'] });
    expect(run([night], null, ist('2026-01-15T23:30:00')).ids).toEqual([1]);
    expect(run([night], null, ist('2026-01-15T01:00:00')).ids).toEqual([1]);
    expect(run([night], null, ist('2026-01-15T03:00:00')).ids).toEqual([]);
    // 12:00 Istanbul is 09:00 UTC: a 09:00-10:00 range in Istanbul is not active then.
    expect(run([F.bot({ id: 2, active_hours: ['09:00-10:00'] })]).ids).toEqual([]);
  });

  it('avoids the previous author unless alone', () => {
    const { ids, excluded } = run([F.bot({ id: 1 }), F.bot({ id: 2 })], 1);
    expect(ids).toEqual([2]);
    expect(excluded).toEqual([{ bot_id: 1, reason: 'previous_author' }]);
    expect(run([F.bot({ id: 1 })], 1).ids).toEqual([1]);
    expect(run([F.bot({ id: 1 }), F.bot({ id: 2, is_enabled: false })], 1).ids).toEqual([1]);
  });

  it('returns nothing when every bot is out of hours', () => {
    const bots = [1, 2, 3].map((id) => F.bot({ id, active_hours: ['09:00-10:00'] }));
    const { ids, excluded } = run(bots, null, ist('2026-01-15T03:00:00'));
    expect(ids).toEqual([]);
    expect(excluded.every((e) => e.reason === 'out_of_hours')).toBe(true);
  });
});

describe('isActiveAt', () => {
  it('treats no ranges as always active', () => {
    expect(isActiveAt({ active_hours: [] }, NOON, IST)).toBe(true);
    expect(isActiveAt({ active_hours: ['junk'] }, NOON, IST)).toBe(false);
  });
});

describe('nextActiveAt', () => {
  it('is now when a bot is already active', () => {
    expect(nextActiveAt([F.bot({ id: 1 })], NOON, IST)).toBe(NOON);
  });

  it('is the earliest start among the bots on a quiet night', () => {
    const now = ist('2026-01-15T02:30:00');
    const bots = [
      F.bot({ id: 1, active_hours: ['09:00-18:00'] }),
      F.bot({ id: 2, active_hours: ['07:30-08:00'] }),
      F.bot({ id: 3, active_hours: ['06:00-07:00'], is_enabled: false }),
    ];
    expect(nextActiveAt(bots, now, IST)).toEqual(ist('2026-01-15T07:30:00'));
  });

  it('waits for a pause to end', () => {
    const until = new Date(NOON.getTime() + 60_000);
    expect(nextActiveAt([F.bot({ id: 1, paused_until: until })], NOON, IST)).toBe(until);
  });

  it('is null when no bot can ever speak here', () => {
    expect(nextActiveAt([], NOON, IST)).toBeNull();
    expect(
      nextActiveAt(
        [F.bot({ id: 1, status: 'error' }), F.bot({ id: 2, membership: 'failed' })],
        NOON,
        IST,
      ),
    ).toBeNull();
  });
});
