import { describe, expect, it } from 'vitest';
import { perMinuteCounts, pushPoint } from './rolling-series';

describe('rolling series', () => {
  it('keeps a fixed window of points', () => {
    let series = [{ t: 1, v: 1 }];
    series = pushPoint(series, { t: 2, v: 2 }, 2);
    series = pushPoint(series, { t: 3, v: 3 }, 2);
    expect(series).toEqual([
      { t: 2, v: 2 },
      { t: 3, v: 3 },
    ]);
  });

  it('buckets events per minute and key, zero-filled', () => {
    const now = 10 * 60000 + 30000;
    const { buckets, counts } = perMinuteCounts(
      [
        { key: 'a', at: 10 * 60000 + 1 },
        { key: 'a', at: 10 * 60000 + 2 },
        { key: 'b', at: 8 * 60000 },
        { key: 'a', at: 2 * 60000 },
      ],
      now,
      3,
    );
    expect(buckets).toEqual([8 * 60000, 9 * 60000, 10 * 60000]);
    expect(counts.get('a')).toEqual([0, 0, 2]);
    expect(counts.get('b')).toEqual([1, 0, 0]);
  });
});
