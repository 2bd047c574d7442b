import fc from 'fast-check';
import { normalizeStanceConfidence } from './stance-confidence.util';

describe('normalizeStanceConfidence', () => {
  it('reads the words of the original files', () => {
    expect(normalizeStanceConfidence('yüksek').value).toBe(0.8);
    expect(normalizeStanceConfidence('orta').value).toBe(0.5);
    expect(normalizeStanceConfidence('düşük').value).toBe(0.2);
    expect(normalizeStanceConfidence('High').value).toBe(0.8);
    expect(normalizeStanceConfidence('medium').value).toBe(0.5);
    expect(normalizeStanceConfidence('low').value).toBe(0.2);
  });

  it('reads numbers, numeric text and percentages', () => {
    expect(normalizeStanceConfidence(0.65)).toEqual({ value: 0.65, warnings: [] });
    expect(normalizeStanceConfidence('0.9').value).toBe(0.9);
    expect(normalizeStanceConfidence('75%').value).toBe(0.75);
    expect(normalizeStanceConfidence(1).value).toBe(1);
    expect(normalizeStanceConfidence(0).value).toBe(0);
  });

  it('falls back to 0.5 with a warning for junk', () => {
    const { value, warnings } = normalizeStanceConfidence({ level: 'high' });
    expect(value).toBe(0.5);
    expect(warnings).toEqual(['confidence: an object is not a level, using 0.5']);
    expect(normalizeStanceConfidence(null)).toEqual({ value: 0.5, warnings: [] });
  });

  it('always yields a confidence in [0, 1]', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        const { value } = normalizeStanceConfidence(raw);
        return value >= 0 && value <= 1;
      }),
    );
  });
});
