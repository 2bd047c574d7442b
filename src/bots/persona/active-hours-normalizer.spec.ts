import fc from 'fast-check';
import { parseRange } from '../../engine/time-window.util';
import { normalizeActiveHours } from './active-hours-normalizer';

describe('normalizeActiveHours', () => {
  it('keeps valid ranges in canonical form', () => {
    expect(normalizeActiveHours(['9:00-12:00', '22:00-02:00', '18:00-24:00'])).toEqual({
      value: ['09:00-12:00', '22:00-02:00', '18:00-24:00'],
      warnings: [],
    });
  });

  it('reads comma-separated text, en dashes and {start, end} objects', () => {
    expect(normalizeActiveHours('09:00-12:00, 14:00–18:00').value).toEqual([
      '09:00-12:00',
      '14:00-18:00',
    ]);
    expect(
      normalizeActiveHours([
        { start: '08:00', end: '10:30' },
        { from: '20:00', to: '23:00' },
      ]).value,
    ).toEqual(['08:00-10:30', '20:00-23:00']);
  });

  it('drops malformed entries and duplicates with warnings', () => {
    const { value, warnings } = normalizeActiveHours([
      '09:00-12:00',
      '09:00-12:00',
      'always',
      5,
      '10:00-10:00',
    ]);
    expect(value).toEqual(['09:00-12:00']);
    expect(warnings).toHaveLength(3);
  });

  it('treats missing or unusable input as always active', () => {
    expect(normalizeActiveHours(null)).toEqual({ value: [], warnings: [] });
    expect(normalizeActiveHours(undefined)).toEqual({ value: [], warnings: [] });
    expect(normalizeActiveHours(true).value).toEqual([]);
    expect(normalizeActiveHours(true).warnings).toHaveLength(1);
  });

  it('caps the number of ranges', () => {
    const many = Array.from(
      { length: 30 },
      (_, i) => `${String(i % 24).padStart(2, '0')}:${String(i).padStart(2, '0')}-23:59`,
    );
    expect(normalizeActiveHours(many).value).toHaveLength(24);
  });

  it('never throws and only yields parseable ranges for any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (raw) =>
        normalizeActiveHours(raw).value.every((r) => parseRange(r) !== null),
      ),
      { numRuns: 300 },
    );
  });
});
