import { chooseLength } from './length-choice';
import { sequenceRng } from './random.util';

const profile = { short: 0.55, medium: 0.35, long: 0.1 };

describe('chooseLength', () => {
  it('uses the profile as is for an "orta" persona', () => {
    const choice = chooseLength(profile, 'orta', sequenceRng([0.54]));
    expect(choice.length).toBe('short');
    expect(choice.weights.short).toBeCloseTo(0.55);
    expect(chooseLength(profile, 'orta', sequenceRng([0.56])).length).toBe('medium');
    expect(chooseLength(profile, 'orta', sequenceRng([0.91])).length).toBe('long');
  });

  it('tilts toward short for "kısa" and toward long for "uzun"', () => {
    const short = chooseLength(profile, 'kısa', sequenceRng([0])).weights;
    expect(short.short).toBeCloseTo(1.1 / 1.5);
    expect(short.long).toBeCloseTo(0.05 / 1.5);
    const long = chooseLength(profile, 'uzun', sequenceRng([0])).weights;
    expect(long.long).toBeGreaterThan(profile.long);
    expect(long.short).toBeLessThan(profile.short);
    expect(long.short + long.medium + long.long).toBeCloseTo(1);
  });

  it('never picks a category with zero share', () => {
    for (const u of [0, 0.3, 0.6, 0.9999]) {
      expect(chooseLength({ short: 0, medium: 1, long: 0 }, 'uzun', sequenceRng([u])).length).toBe(
        'medium',
      );
    }
  });

  it('falls back to short for a degenerate profile', () => {
    expect(chooseLength({ short: 0, medium: 0, long: 0 }, 'orta', sequenceRng([0.5])).length).toBe(
      'short',
    );
  });
});
