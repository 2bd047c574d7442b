import fc from 'fast-check';
import { SpeedProfile } from '../../engine/engine-types';
import { defaultSpeedProfile, normalizeSpeedProfile } from './speed-profile-normalizer';

function isValidSpeed(s: SpeedProfile): boolean {
  const cpsOk =
    s.typing_cps === null ||
    (s.typing_cps.min >= 0.5 && s.typing_cps.max <= 30 && s.typing_cps.min <= s.typing_cps.max);
  return (
    s.base_delay_seconds >= 3 &&
    s.base_delay_seconds <= 3600 &&
    s.delay_multiplier >= 0.1 &&
    s.delay_multiplier <= 10 &&
    s.jitter >= 0 &&
    s.jitter <= 1 &&
    s.typing_multiplier >= 0.2 &&
    s.typing_multiplier <= 5 &&
    cpsOk
  );
}

describe('normalizeSpeedProfile', () => {
  it('uses neutral defaults', () => {
    expect(normalizeSpeedProfile({})).toEqual({ value: defaultSpeedProfile(), warnings: [] });
    expect(defaultSpeedProfile()).toEqual({
      base_delay_seconds: 30,
      delay_multiplier: 1,
      jitter: 0.2,
      typing_cps: null,
      typing_multiplier: 1,
    });
  });

  it("reads the original's nested form", () => {
    const { value, warnings } = normalizeSpeedProfile({
      delay: { base_delay_seconds: 45, multiplier: 1.3, jitter: 0.4 },
      typing: { wpm: { min: 2.5, max: 4 }, multiplier: 0.8 },
    });
    expect(warnings).toEqual([]);
    expect(value).toEqual({
      base_delay_seconds: 45,
      delay_multiplier: 1.3,
      jitter: 0.4,
      typing_cps: { min: 2.5, max: 4 },
      typing_multiplier: 0.8,
    });
  });

  it('reads flat keys and numeric strings', () => {
    const { value } = normalizeSpeedProfile({
      base_delay_seconds: '20',
      delay_multiplier: 0.5,
      jitter: '0,1',
      typing_multiplier: 2,
      wpm_min: 3,
      wpm_max: 5,
    });
    expect(value).toEqual({
      base_delay_seconds: 20,
      delay_multiplier: 0.5,
      jitter: 0.1,
      typing_cps: { min: 3, max: 5 },
      typing_multiplier: 2,
    });
    expect(normalizeSpeedProfile({ multiplier: 2 }).value.delay_multiplier).toBe(2);
    expect(normalizeSpeedProfile({ typing_wpm: { min: 2, max: 3 } }).value.typing_cps).toEqual({
      min: 2,
      max: 3,
    });
  });

  it('accepts wpm as a single number, a pair or min/max keys under typing', () => {
    expect(normalizeSpeedProfile({ typing: { wpm: 3 } }).value.typing_cps).toEqual({
      min: 3,
      max: 3,
    });
    expect(normalizeSpeedProfile({ typing: { wpm: [2, 4] } }).value.typing_cps).toEqual({
      min: 2,
      max: 4,
    });
    expect(normalizeSpeedProfile({ typing: { wpm_min: 2, wpm_max: 3 } }).value.typing_cps).toEqual({
      min: 2,
      max: 3,
    });
    expect(normalizeSpeedProfile({ typing: { wpm: { max: 4 } } }).value.typing_cps).toEqual({
      min: 4,
      max: 4,
    });
  });

  it('reads real words-per-minute values and converts them to characters per second', () => {
    const { value, warnings } = normalizeSpeedProfile({ typing: { wpm: { min: 40, max: 60 } } });
    expect(value.typing_cps).toEqual({ min: 4, max: 6 });
    expect(warnings).toHaveLength(2);
  });

  it('swaps min and max when reversed and clamps out-of-range values', () => {
    const { value, warnings } = normalizeSpeedProfile({
      delay: { base_delay_seconds: 1, multiplier: 100, jitter: -1 },
      typing: { wpm: { min: 5, max: 2 }, multiplier: 0 },
    });
    expect(value).toEqual({
      base_delay_seconds: 3,
      delay_multiplier: 10,
      jitter: 0,
      typing_cps: { min: 2, max: 5 },
      typing_multiplier: 0.2,
    });
    expect(warnings).toHaveLength(5);
  });

  it('takes a number as delay to be the base delay', () => {
    expect(normalizeSpeedProfile({ delay: 45 }).value.base_delay_seconds).toBe(45);
    const bad = normalizeSpeedProfile({ delay: 'fast', typing: 'slow' });
    expect(bad.value).toEqual(defaultSpeedProfile());
    expect(bad.warnings).toHaveLength(2);
  });

  it('ignores unusable typing speeds', () => {
    const { value, warnings } = normalizeSpeedProfile({ typing: { wpm: { min: 'x', max: -1 } } });
    expect(value.typing_cps).toBeNull();
    expect(warnings).toHaveLength(2);
  });

  it('never throws and always yields a valid profile for any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (raw) =>
        isValidSpeed(normalizeSpeedProfile(raw).value),
      ),
      { numRuns: 300 },
    );
    const junk = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.double(), fc.string());
    fc.assert(
      fc.property(
        fc.record(
          {
            delay: fc.oneof(
              junk,
              fc.record({ base_delay_seconds: junk, multiplier: junk, jitter: junk }),
            ),
            typing: fc.oneof(
              junk,
              fc.record({
                wpm: fc.oneof(junk, fc.record({ min: junk, max: junk })),
                multiplier: junk,
              }),
            ),
            wpm_min: junk,
            wpm_max: junk,
            jitter: junk,
          },
          { requiredKeys: [] },
        ),
        (raw) => isValidSpeed(normalizeSpeedProfile(raw).value),
      ),
      { numRuns: 300 },
    );
  });
});
