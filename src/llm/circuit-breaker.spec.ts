import { CircuitBreaker } from './circuit-breaker';

describe('CircuitBreaker', () => {
  let now: number;
  let breaker: CircuitBreaker;

  beforeEach(() => {
    now = 0;
    breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 1000, now: () => now });
  });

  function fail(times: number): void {
    for (let i = 0; i < times; i += 1) {
      expect(breaker.tryAcquire()).toBe(true);
      breaker.recordFailure();
    }
  }

  it('stays closed below the threshold and resets the count on success', () => {
    fail(2);
    breaker.recordSuccess();
    fail(2);
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('opens after N consecutive failures and rejects calls during the cool-down', () => {
    fail(3);
    expect(breaker.state).toBe('open');
    now = 999;
    expect(breaker.tryAcquire()).toBe(false);
  });

  it('lets exactly one probe through after the cool-down and closes when it succeeds', () => {
    fail(3);
    now = 1000;
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.state).toBe('half_open');
    expect(breaker.tryAcquire()).toBe(false);
    breaker.recordSuccess();
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('reopens for a full cool-down when the probe fails, then recovers', () => {
    fail(3);
    now = 1000;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordFailure();
    expect(breaker.state).toBe('open');
    now = 1999;
    expect(breaker.tryAcquire()).toBe(false);
    now = 2000;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordSuccess();
    expect(breaker.state).toBe('closed');
  });

  it('allows a new probe when the previous one never reported back', () => {
    fail(3);
    now = 1000;
    expect(breaker.tryAcquire()).toBe(true);
    now = 1500;
    expect(breaker.tryAcquire()).toBe(false);
    now = 2000;
    expect(breaker.tryAcquire()).toBe(true);
  });
});
