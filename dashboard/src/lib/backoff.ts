export interface BackoffOptions {
  /** Delay before the first retry, in ms. */
  baseMs: number;
  /** Upper bound of any delay, in ms. */
  maxMs: number;
  /** Share of the delay that is randomised (0 = exact, 0.5 = ±25 %). */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, maxMs: 30000, jitter: 0.5 };

/**
 * Exponential backoff: base·2^attempt capped at max, with symmetric jitter so that a restarted
 * API is not hit by every open dashboard in the same millisecond. `random` is injected so tests
 * are exact.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt));
  const spread = exponential * options.jitter;
  const delay = exponential - spread / 2 + spread * random();
  return Math.round(Math.min(options.maxMs, Math.max(0, delay)));
}
