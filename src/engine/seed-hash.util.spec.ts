import { chance, hashSeed, pickOne, rngFromSeed } from './seed-hash.util';

describe('seed-hash util', () => {
  it('hashes the same parts to the same unsigned 32-bit seed', () => {
    expect(hashSeed('voice', 1, 'Ali')).toBe(hashSeed('voice', 1, 'Ali'));
    expect(hashSeed('voice', 1, 'Ali')).not.toBe(hashSeed('voice', 11, 'Ali'));
    // The separator keeps ("1", "12") and ("11", "2") apart.
    expect(hashSeed(1, 12)).not.toBe(hashSeed(11, 2));
    expect(hashSeed('x')).toBeGreaterThanOrEqual(0);
    expect(hashSeed('x')).toBeLessThan(2 ** 32);
  });

  it('produces a repeatable, roughly uniform sequence in [0, 1)', () => {
    const a = rngFromSeed(42);
    const b = rngFromSeed(42);
    const values = Array.from({ length: 10000 }, () => a());
    expect(values.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });

  it('picks every element eventually and refuses an empty list', () => {
    const rng = rngFromSeed(1);
    const seen = new Set(Array.from({ length: 200 }, () => pickOne(rng, ['a', 'b', 'c'])));
    expect(seen).toEqual(new Set(['a', 'b', 'c']));
    expect(() => pickOne(rng, [])).toThrow('at least one');
    expect(chance(() => 0.2, 0.3)).toBe(true);
    expect(chance(() => 0.3, 0.3)).toBe(false);
  });
});
