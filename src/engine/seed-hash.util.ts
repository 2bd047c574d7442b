import type { Rng } from './engine-types';

/**
 * Deterministic seeds for the language modules: the humanizer and the offline demo generator must
 * give the same output for the same (bot, message) seed, across processes and restarts, so they
 * derive their randomness from a hash instead of Math.random.
 */

/** FNV-1a (32 bit) over the parts joined with a separator that cannot occur in numbers. */
export function hashSeed(...parts: ReadonlyArray<string | number>): number {
  let hash = 0x811c9dc5;
  const joined = parts.map(String).join('\u241f');
  for (let i = 0; i < joined.length; i++) {
    hash ^= joined.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: tiny, fast, well-distributed for simulation choices (not for cryptography). */
export function rngFromSeed(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One element of a non-empty list, chosen by the rng. */
export function pickOne<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) {
    throw new Error('pickOne needs at least one item');
  }
  return items[Math.min(items.length - 1, Math.floor(rng() * items.length))];
}

/** True with probability p. */
export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}
