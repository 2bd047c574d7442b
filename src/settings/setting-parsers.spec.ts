import { parseRange } from '../engine/time-window.util';
import { timeRanges } from './setting-parsers';

function accepts(range: string): boolean {
  try {
    timeRanges([range]);
    return true;
  } catch {
    return false;
  }
}

const pad = (n: number): string => String(n).padStart(2, '0');

describe('timeRanges', () => {
  it('accepts 24:00 only as an end and rejects end times past it', () => {
    expect(timeRanges(['18:00-24:00', '00:00-23:59'])).toEqual(['18:00-24:00', '00:00-23:59']);
    expect(accepts('22:00-24:30')).toBe(false);
    expect(accepts('22:00-24:01')).toBe(false);
    expect(accepts('24:00-02:00')).toBe(false);
    expect(accepts('23:60-02:00')).toBe(false);
  });

  it('accepts exactly the ranges the engine parses (every end time of the day and beyond)', () => {
    for (const start of ['00:00', '09:30', '23:59']) {
      for (let hour = 0; hour <= 25; hour++) {
        for (const minute of [0, 1, 30, 59]) {
          const range = `${start}-${pad(hour)}:${pad(minute)}`;
          expect({ range, accepted: accepts(range) }).toEqual({
            range,
            accepted: parseRange(range) !== null,
          });
        }
      }
    }
  });
});
