import fc from 'fast-check';
import {
  chance,
  exponentialSample,
  hashSeed,
  pickOne,
  pickOneOrThrow,
  pickWeighted,
  seedFrom,
  seededRng,
  sequenceRng,
  shuffle,
  uniform,
} from './random.util';

describe('seededRng', () => {
  it('is reproducible for the same seed and differs between seeds', () => {
    const a = seededRng('bot:1');
    const b = seededRng('bot:1');
    const c = seededRng('bot:2');
    const seqA = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(seqA);
    expect([c(), c(), c()]).not.toEqual(seqA);
  });

  it('stays in [0, 1) and is roughly uniform', () => {
    const rng = seededRng(42);
    let sum = 0;
    for (let i = 0; i < 10000; i++) {
      const v = rng();
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
      sum += v;
    }
    expect(sum / 10000).toBeCloseTo(0.5, 1);
  });

  it('accepts numbers and strings as seeds', () => {
    expect(hashSeed(7)).toBe(hashSeed('7'));
    expect(hashSeed('')).toBe(0x811c9dc5);
  });
});

describe('chance', () => {
  it('never fires at 0 and always at 1', () => {
    expect(chance(0, sequenceRng([0]))).toBe(false);
    expect(chance(1, sequenceRng([0.999999]))).toBe(true);
    expect(chance(Number.NaN, sequenceRng([0]))).toBe(false);
    expect(chance(5, sequenceRng([0.99]))).toBe(true);
  });

  it('compares the draw with p', () => {
    expect(chance(0.3, sequenceRng([0.29]))).toBe(true);
    expect(chance(0.3, sequenceRng([0.3]))).toBe(false);
  });

  it('tolerates a misbehaving Rng', () => {
    expect(chance(0.5, () => Number.NaN)).toBe(true);
    expect(chance(0.5, () => 2)).toBe(false);
  });
});

describe('pickWeighted', () => {
  const items = ['a', 'b', 'c'];
  const w = (x: string) => ({ a: 1, b: 2, c: 1 })[x] ?? 0;

  it('picks proportionally to weight', () => {
    expect(pickWeighted(items, w, sequenceRng([0]))).toBe('a');
    expect(pickWeighted(items, w, sequenceRng([0.24]))).toBe('a');
    expect(pickWeighted(items, w, sequenceRng([0.25]))).toBe('b');
    expect(pickWeighted(items, w, sequenceRng([0.74]))).toBe('b');
    expect(pickWeighted(items, w, sequenceRng([0.75]))).toBe('c');
    expect(pickWeighted(items, w, sequenceRng([0.9999999]))).toBe('c');
  });

  it('never picks an item with zero, negative or non-finite weight', () => {
    const weights: Record<string, number> = { a: 0, b: -1, c: Number.NaN, d: 3, e: Infinity };
    for (const u of [0, 0.5, 0.999]) {
      expect(pickWeighted(Object.keys(weights), (k) => weights[k], sequenceRng([u]))).toBe('d');
    }
  });

  it('returns null when nothing has weight or the list is empty', () => {
    expect(pickWeighted([], () => 1, sequenceRng([0.5]))).toBeNull();
    expect(pickWeighted(['a'], () => 0, sequenceRng([0.5]))).toBeNull();
  });

  it('always returns an item with positive weight', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 10, noNaN: true }), { minLength: 1, maxLength: 10 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (weights, u) => {
          const idx = weights.map((_, i) => i);
          const picked = pickWeighted(idx, (i) => weights[i], sequenceRng([u]));
          return picked === null ? weights.every((x) => !(x > 0)) : weights[picked] > 0;
        },
      ),
    );
  });
});

describe('pickOne', () => {
  it('picks uniformly and handles empty lists', () => {
    expect(pickOne(['a', 'b'], sequenceRng([0.49]))).toBe('a');
    expect(pickOne(['a', 'b'], sequenceRng([0.5]))).toBe('b');
    expect(pickOne([], sequenceRng([0.5]))).toBeNull();
  });
});

describe('exponentialSample', () => {
  it('follows the inverse CDF', () => {
    expect(exponentialSample(30, sequenceRng([0]))).toBe(0);
    expect(exponentialSample(30, sequenceRng([1 - Math.exp(-1)]))).toBeCloseTo(30, 6);
  });

  it('has the requested mean', () => {
    const rng = seededRng('exp');
    let sum = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      sum += exponentialSample(10, rng);
    }
    expect(sum / n).toBeGreaterThan(9.5);
    expect(sum / n).toBeLessThan(10.5);
  });

  it('is finite even for a draw of 1 and 0 for a non-positive mean', () => {
    expect(Number.isFinite(exponentialSample(10, () => 1))).toBe(true);
    expect(exponentialSample(0, sequenceRng([0.5]))).toBe(0);
    expect(exponentialSample(-3, sequenceRng([0.5]))).toBe(0);
  });
});

describe('uniform and shuffle', () => {
  it('maps the draw linearly', () => {
    expect(uniform(2, 4, sequenceRng([0.5]))).toBe(3);
  });

  it('shuffles into a permutation without touching the input', () => {
    const input = [1, 2, 3, 4, 5];
    const out = shuffle(input, seededRng('s'));
    expect(input).toEqual([1, 2, 3, 4, 5]);
    expect([...out].sort()).toEqual(input);
    expect(shuffle(input, seededRng('s'))).toEqual(out);
  });
});

describe('sequenceRng', () => {
  it('replays values in a loop', () => {
    const rng = sequenceRng([0.1, 0.2]);
    expect([rng(), rng(), rng()]).toEqual([0.1, 0.2, 0.1]);
    expect(sequenceRng([])()).toBe(0);
  });
});

describe('seedFrom', () => {
  it('keeps part boundaries apart and is stable', () => {
    expect(seedFrom('voice', 1, 'Ali')).toBe(seedFrom('voice', 1, 'Ali'));
    expect(seedFrom(1, 12)).not.toBe(seedFrom(11, 2));
    expect(hashSeed(seedFrom(1, 12))).not.toBe(hashSeed(seedFrom(11, 2)));
    const a = seededRng(seedFrom('humanize', 3, 'm17'));
    const b = seededRng(seedFrom('humanize', 3, 'm17'));
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});

describe('pickOneOrThrow', () => {
  it('picks every element eventually and refuses an empty list', () => {
    const rng = seededRng(1);
    const seen = new Set(Array.from({ length: 200 }, () => pickOneOrThrow(['a', 'b', 'c'], rng)));
    expect(seen).toEqual(new Set(['a', 'b', 'c']));
    expect(pickOneOrThrow(['a', 'b', 'c'], sequenceRng([0.99]))).toBe('c');
    expect(() => pickOneOrThrow([], rng)).toThrow('at least one');
  });
});
