import { Rng } from './engine-types';

/** 32-bit FNV-1a hash of a string: a stable seed from ids like "bot:3:msg:17". */
export function hashSeed(seed: string | number): number {
  const text = String(seed);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * One seed string from several parts (e.g. 'humanize', botId, messageSeed), joined with a separator
 * that cannot occur in ids or numbers, so ("1", "12") and ("11", "2") stay apart. Modules that must
 * give the same output for the same inputs across processes use `seededRng(seedFrom(...))`.
 */
export function seedFrom(...parts: ReadonlyArray<string | number>): string {
  return parts.map(String).join('\u241f');
}

/**
 * Seeded generator (mulberry32): small, fast and good enough for behaviour choices (not for
 * anything security related). The same seed always yields the same sequence.
 */
export function seededRng(seed: string | number): Rng {
  let state = hashSeed(seed);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An Rng value forced into [0, 1) even if a test double misbehaves. */
function draw(rng: Rng): number {
  const value = rng();
  if (!Number.isFinite(value) || value < 0) {
    return 0;
  }
  return value >= 1 ? 1 - Number.EPSILON : value;
}

/** True with probability p (p outside [0, 1] is clamped; 0 never, 1 always). */
export function chance(p: number, rng: Rng): boolean {
  if (!(p > 0)) {
    return false;
  }
  return draw(rng) < Math.min(p, 1);
}

/**
 * One item with probability proportional to its weight. Weights that are not positive finite
 * numbers count as 0; when every weight is 0 the result is null (nothing is eligible).
 */
export function pickWeighted<T>(
  items: readonly T[],
  weight: (item: T) => number,
  rng: Rng,
): T | null {
  const weights = items.map((item) => {
    const w = weight(item);
    return Number.isFinite(w) && w > 0 ? w : 0;
  });
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (total <= 0) {
    return null;
  }
  let threshold = draw(rng) * total;
  for (let i = 0; i < items.length; i++) {
    if (weights[i] === 0) {
      continue;
    }
    threshold -= weights[i];
    if (threshold < 0) {
      return items[i];
    }
  }
  // Floating-point leftovers: the last item with weight.
  for (let i = items.length - 1; i >= 0; i--) {
    if (weights[i] > 0) {
      return items[i];
    }
  }
  return null;
}

/** One item uniformly at random; null for an empty list. */
export function pickOne<T>(items: readonly T[], rng: Rng): T | null {
  if (items.length === 0) {
    return null;
  }
  return items[Math.floor(draw(rng) * items.length)];
}

/**
 * One item of a list that must not be empty (fixed vocabularies, persona word lists): an empty
 * list is a programming error, so it throws instead of returning null like `pickOne`.
 */
export function pickOneOrThrow<T>(items: readonly T[], rng: Rng): T {
  if (items.length === 0) {
    throw new Error('pickOneOrThrow needs at least one item');
  }
  return items[Math.floor(draw(rng) * items.length)];
}

/** Exponential sample with the given mean (inter-arrival time of a Poisson process). */
export function exponentialSample(mean: number, rng: Rng): number {
  if (!(mean > 0) || !Number.isFinite(mean)) {
    return 0;
  }
  // 1 - u is in (0, 1], so the logarithm is finite.
  return Math.log(1 / (1 - draw(rng))) * mean;
}

/** Uniform number in [min, max). */
export function uniform(min: number, max: number, rng: Rng): number {
  return min + (max - min) * draw(rng);
}

/** A shuffled copy (Fisher–Yates); the input is left alone. */
export function shuffle<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(draw(rng) * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** A deterministic Rng replaying `values` in a loop: for tests that need exact draws. */
export function sequenceRng(values: readonly number[]): Rng {
  let i = 0;
  return () => {
    const value = values.length === 0 ? 0 : values[i % values.length];
    i++;
    return value;
  };
}
