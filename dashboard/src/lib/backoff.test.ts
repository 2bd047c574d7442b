import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

const exact = { baseMs: 1000, maxMs: 30000, jitter: 0 };

describe('backoffDelay', () => {
  it('doubles per attempt from the base', () => {
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, exact))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('never exceeds the cap', () => {
    expect(backoffDelay(20, exact)).toBe(30000);
    expect(backoffDelay(20, { ...exact, jitter: 0.5 }, () => 1)).toBe(30000);
  });

  it('spreads symmetrically around the exponential value', () => {
    const options = { baseMs: 1000, maxMs: 30000, jitter: 0.5 };
    expect(backoffDelay(1, options, () => 0)).toBe(1500);
    expect(backoffDelay(1, options, () => 0.5)).toBe(2000);
    expect(backoffDelay(1, options, () => 1)).toBe(2500);
  });
});
