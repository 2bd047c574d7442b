import {
  legacyBoolean,
  legacyConfidence,
  legacyLengthProfile,
  legacyNumber,
  legacySettingValue,
} from './legacy-values';

describe('legacy value readers', () => {
  it('reads booleans written as strings', () => {
    expect(legacyBoolean('true')).toBe(true);
    expect(legacyBoolean(' False ')).toBe(false);
    expect(legacyBoolean(true)).toBe(true);
    expect(legacyBoolean('yes')).toBeUndefined();
    expect(legacyBoolean(1)).toBeUndefined();
  });

  it('reads numbers written as strings', () => {
    expect(legacyNumber('28.5')).toBe(28.5);
    expect(legacyNumber('28,5')).toBe(28.5);
    expect(legacyNumber(-3)).toBe(-3);
    expect(legacyNumber('12 TL')).toBeUndefined();
    expect(legacyNumber(Number.NaN)).toBeUndefined();
  });

  it('reads stance confidence words', () => {
    expect(legacyConfidence('yüksek')).toBe(0.8);
    expect(legacyConfidence('YÜKSEK')).toBe(0.8);
    expect(legacyConfidence('orta')).toBe(0.5);
    expect(legacyConfidence('düşük')).toBe(0.2);
    expect(legacyConfidence('Çok yüksek')).toBe(0.9);
    expect(legacyConfidence(0.65)).toBe(0.65);
    expect(legacyConfidence('0.3')).toBe(0.3);
    expect(legacyConfidence(1.5)).toBeUndefined();
    expect(legacyConfidence('emin')).toBeUndefined();
  });

  it('converts the legacy message length profile', () => {
    expect(
      legacyLengthProfile({
        distribution: { kısa: 0.6, orta: '0.3', uzun: 0.1 },
        lengths: { kısa: '1-2 cümle' },
      }),
    ).toEqual({ short: 0.6, medium: 0.3, long: 0.1 });
    const modern = { short: 0.5, medium: 0.3, long: 0.2 };
    expect(legacyLengthProfile(modern)).toBe(modern);
  });

  it('unwraps {value} and coerces by the default type', () => {
    expect(legacySettingValue('simulation_active', { value: 'false' }, false)).toBe(false);
    expect(legacySettingValue('max_msgs_per_min', '8', 6)).toBe(8);
    expect(legacySettingValue('prime_hours', ['09:30-12:00'], [])).toEqual(['09:30-12:00']);
    expect(legacySettingValue('typing_enabled', 'maybe', true)).toBe('maybe');
  });
});
