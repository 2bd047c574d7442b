export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one probe may go through. */
  cooldownMs: number;
  now: () => number;
}

/**
 * A circuit breaker that recovers: closed → open after `failureThreshold` consecutive failures →
 * half-open once `cooldownMs` passed, letting exactly one probe through → closed when the probe
 * succeeds, open again (for another cool-down) when it fails. Pure: time comes from `now`.
 */
export class CircuitBreaker {
  private current: CircuitState = 'closed';
  private consecutiveFailures = 0;
  private openedAt = 0;
  private probeStartedAt: number | null = null;

  constructor(private readonly options: CircuitBreakerOptions) {}

  get state(): CircuitState {
    return this.current;
  }

  /**
   * Asks to make a call. False means "do not call" (open, or a probe is already out). A caller
   * that got true must report the outcome with recordSuccess or recordFailure.
   */
  tryAcquire(): boolean {
    const now = this.options.now();
    switch (this.current) {
      case 'closed':
        return true;
      case 'open':
        if (now - this.openedAt < this.options.cooldownMs) {
          return false;
        }
        this.current = 'half_open';
        this.probeStartedAt = now;
        return true;
      case 'half_open':
        // A probe whose outcome never came back (caller crashed or cancelled) must not keep the
        // circuit half-open forever: after another cool-down the next caller probes.
        if (this.probeStartedAt !== null && now - this.probeStartedAt < this.options.cooldownMs) {
          return false;
        }
        this.probeStartedAt = now;
        return true;
    }
  }

  recordSuccess(): void {
    this.current = 'closed';
    this.consecutiveFailures = 0;
    this.probeStartedAt = null;
  }

  recordFailure(): void {
    this.consecutiveFailures += 1;
    if (this.current === 'half_open' || this.consecutiveFailures >= this.options.failureThreshold) {
      this.current = 'open';
      this.openedAt = this.options.now();
      this.probeStartedAt = null;
    }
  }
}
