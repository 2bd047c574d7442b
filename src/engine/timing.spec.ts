import fc from 'fast-check';
import { defaultSpeedProfile } from '../bots/persona/speed-profile-normalizer';
import { SpeedProfile } from './engine-types';
import { seededRng, sequenceRng } from './random.util';
import { PlannerFactory as F } from './testing/planner-factories';
import {
  botPaceFactor,
  GapInput,
  nextTurnGap,
  planTyping,
  scheduleNextTurn,
  typingRefreshOffsets,
} from './timing';

const IST = 'Europe/Istanbul';
const ist = (iso: string): Date => new Date(`${iso}+03:00`);
const OFF_PRIME = ist('2026-01-15T13:00:00');
const PRIME = ist('2026-01-15T10:00:00');
const speed = (overrides: Partial<SpeedProfile> = {}): SpeedProfile => ({
  ...defaultSpeedProfile(),
  jitter: 0,
  ...overrides,
});
// u = 1 − e^{−1} makes the exponential sample exactly its mean; 0.5 makes the jitter factor 1.
const AT_MEAN = 1 - Math.exp(-1);

function gap(overrides: Partial<GapInput> = {}, rng = sequenceRng([AT_MEAN, 0.5])) {
  return nextTurnGap(
    {
      now: OFF_PRIME,
      tz: IST,
      scale_factor: 1,
      prime_hours_boost: true,
      prime_hours: ['09:30-12:00', '14:00-18:00'],
      speeds: [speed()],
      ...overrides,
    },
    rng,
  );
}

describe('nextTurnGap', () => {
  it('has a 30 s mean outside prime hours and 18 s inside when boosted', () => {
    expect(gap()).toEqual({ delay_ms: 30_000, mean_seconds: 30, prime: false, bot_factor: 1 });
    expect(gap({ now: PRIME })).toMatchObject({ delay_ms: 18_000, prime: true });
    expect(gap({ now: PRIME, prime_hours_boost: false })).toMatchObject({
      delay_ms: 30_000,
      prime: false,
    });
  });

  it('divides by scale_factor at both ends of its range', () => {
    expect(gap({ scale_factor: 10 }).mean_seconds).toBe(3);
    expect(gap({ scale_factor: 10 }).delay_ms).toBe(3000);
    expect(gap({ scale_factor: 0.1 }).mean_seconds).toBeCloseTo(300);
    expect(gap({ scale_factor: 0.1 }).delay_ms).toBe(300_000);
  });

  it('combines prime hours, scale and bot pace multiplicatively', () => {
    const slow = speed({ base_delay_seconds: 60, delay_multiplier: 1.5 });
    expect(botPaceFactor(slow)).toBe(3);
    const plan = gap({ now: PRIME, scale_factor: 2, speeds: [slow] });
    expect(plan.mean_seconds).toBeCloseTo((18 * 3) / 2);
    expect(plan.prime).toBe(true);
  });

  it('uses the harmonic mean of the bots paces', () => {
    const plan = gap({
      speeds: [speed({ base_delay_seconds: 15 }), speed({ base_delay_seconds: 60 })],
    });
    // Rates 2 and 0.5 average to 1.25 → factor 0.8.
    expect(plan.bot_factor).toBeCloseTo(0.8);
    expect(gap({ speeds: [] }).bot_factor).toBe(1);
  });

  it('applies jitter around the exponential sample', () => {
    const jittery = [speed({ jitter: 0.5 })];
    expect(gap({ speeds: jittery }, sequenceRng([AT_MEAN, 1 - 1e-12])).delay_ms).toBe(45_000);
    expect(gap({ speeds: jittery }, sequenceRng([AT_MEAN, 0])).delay_ms).toBe(15_000);
  });

  it('clamps to [0.2, 5] × mean and to at least 1 s', () => {
    expect(gap({}, sequenceRng([0, 0.5])).delay_ms).toBe(6000);
    expect(gap({}, sequenceRng([1 - 1e-12, 0.5])).delay_ms).toBe(150_000);
    expect(gap({ scale_factor: 10 }, sequenceRng([0, 0.5])).delay_ms).toBe(1000);
  });

  it('stays within its bounds for any scale, pace and draw', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        fc.array(
          fc.record({
            base_delay_seconds: fc.double({ min: 3, max: 3600, noNaN: true }),
            delay_multiplier: fc.double({ min: 0.1, max: 10, noNaN: true }),
            jitter: fc.double({ min: 0, max: 1, noNaN: true }),
          }),
          { maxLength: 6 },
        ),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.boolean(),
        (scale, paces, u1, u2, prime) => {
          const plan = gap(
            {
              scale_factor: scale,
              speeds: paces.map((p) => speed(p)),
              now: prime ? PRIME : OFF_PRIME,
            },
            sequenceRng([u1, u2]),
          );
          const seconds = plan.delay_ms / 1000;
          const lo = Math.min(3600, Math.max(1, 0.2 * plan.mean_seconds));
          const hi = Math.max(1, Math.min(3600, 5 * plan.mean_seconds));
          return seconds >= lo - 0.001 && seconds <= hi + 0.001 && plan.prime === prime;
        },
      ),
    );
  });

  it('averages about the mean over many draws', () => {
    const rng = seededRng('gap');
    let sum = 0;
    for (let i = 0; i < 5000; i++) {
      sum += gap({}, rng).delay_ms;
    }
    const mean = sum / 5000 / 1000;
    expect(mean).toBeGreaterThan(26);
    expect(mean).toBeLessThan(33);
  });
});

describe('scheduleNextTurn', () => {
  const base = {
    tz: IST,
    scale_factor: 1,
    prime_hours_boost: true,
    prime_hours: ['09:30-12:00', '14:00-18:00'],
    hourlyMax: 12,
  };

  it('is now + gap when a bot is eligible', () => {
    const s = scheduleNextTurn(
      { ...base, now: OFF_PRIME, bots: [F.bot({ id: 1 })] },
      sequenceRng([AT_MEAN, 0.5]),
    );
    expect(s).toMatchObject({ reason: 'gap', due_at: new Date(OFF_PRIME.getTime() + 30_000) });
  });

  it('waits until the first bot wakes up on a quiet night', () => {
    const now = ist('2026-01-15T02:00:00');
    const bots = [
      F.bot({ id: 1, active_hours: ['08:00-22:00'] }),
      F.bot({ id: 2, active_hours: ['07:00-09:00'] }),
    ];
    const s = scheduleNextTurn({ ...base, now, bots }, sequenceRng([AT_MEAN, 0.5]));
    expect(s).toMatchObject({
      reason: 'quiet_until_active',
      due_at: new Date(ist('2026-01-15T07:00:00').getTime() + 30_000),
    });
  });

  it('keeps the usual pace when bots are only held by the hourly limit', () => {
    const s = scheduleNextTurn(
      { ...base, now: OFF_PRIME, bots: [F.bot({ id: 1, messages_last_hour: 12 })] },
      sequenceRng([AT_MEAN, 0.5]),
    );
    expect(s).toMatchObject({ reason: 'gap', due_at: new Date(OFF_PRIME.getTime() + 30_000) });
  });

  it('has no due time when no bot can ever speak', () => {
    expect(scheduleNextTurn({ ...base, now: OFF_PRIME, bots: [] }, sequenceRng([0.5]))).toEqual({
      due_at: null,
      reason: 'no_bot_can_speak',
    });
  });
});

describe('planTyping', () => {
  const typing = (overrides: Partial<Parameters<typeof planTyping>[0]> = {}, u = 0.5) =>
    planTyping(
      {
        text_length: 60,
        setting_cps: { min: 2, max: 4 },
        speed: speed(),
        llm_elapsed_ms: 0,
        ...overrides,
      },
      sequenceRng([u]),
    );

  it('takes length over characters per second', () => {
    // cps = 3 at u = 0.5: 60 / 3 = 20 s.
    expect(typing()).toEqual({
      typing_ms: 20_000,
      wait_ms: 20_000,
      refresh_offsets_ms: [0, 4000, 8000, 12_000, 16_000],
      cps: 3,
    });
  });

  it("prefers the bot's own speed and multiplier", () => {
    const own = speed({ typing_cps: { min: 6, max: 6 }, typing_multiplier: 2 });
    expect(typing({ speed: own }).typing_ms).toBe(20_000);
    expect(typing({ speed: speed({ typing_multiplier: 0.5 }) }).typing_ms).toBe(10_000);
  });

  it('clamps to 1.5–25 s', () => {
    expect(typing({ text_length: 1 }).typing_ms).toBe(1500);
    expect(typing({ text_length: 0 }).typing_ms).toBe(1500);
    expect(typing({ text_length: 4000 }).typing_ms).toBe(25_000);
  });

  it('subtracts the LLM time and never goes negative', () => {
    expect(typing({ llm_elapsed_ms: 5000 })).toMatchObject({ typing_ms: 20_000, wait_ms: 15_000 });
    expect(typing({ llm_elapsed_ms: 30_000 })).toMatchObject({
      wait_ms: 0,
      refresh_offsets_ms: [],
    });
    expect(typing({ llm_elapsed_ms: -5 }).wait_ms).toBe(20_000);
    expect(typing({ llm_elapsed_ms: Number.NaN }).wait_ms).toBe(20_000);
  });

  it('tolerates a reversed range', () => {
    expect(typing({ setting_cps: { min: 4, max: 2 } }).cps).toBe(3);
  });
});

describe('typingRefreshOffsets', () => {
  it('re-sends at most every 4 s while the wait lasts', () => {
    expect(typingRefreshOffsets(0)).toEqual([]);
    expect(typingRefreshOffsets(1)).toEqual([0]);
    expect(typingRefreshOffsets(4000)).toEqual([0]);
    expect(typingRefreshOffsets(4001)).toEqual([0, 4000]);
  });
});
