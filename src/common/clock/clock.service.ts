import { Injectable } from '@nestjs/common';

/**
 * The one source of "now" for code whose behaviour depends on elapsed time (session expiry,
 * lockouts, TOTP steps). Tests move time with `advance()` instead of sleeping; production never
 * calls it.
 */
@Injectable()
export class ClockService {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves this process' clock forward (tests only). */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
