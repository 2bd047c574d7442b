/**
 * Short form (default, run by `npm test`) or long form (`CHAOS_LONG=1`): the long form holds each
 * fault longer, repeats it, and waits for more traffic after recovery.
 */
export const CHAOS_LONG = process.env.CHAOS_LONG === '1';

export const CHAOS = CHAOS_LONG
  ? { outageMs: 15_000, cycles: 3, messagesAfter: 10, recoveryTimeoutMs: 90_000 }
  : { outageMs: 3_000, cycles: 1, messagesAfter: 3, recoveryTimeoutMs: 45_000 };

/** Jest timeout of one scenario: enough for every cycle's outage and recovery. */
export const SCENARIO_TIMEOUT_MS =
  60_000 + CHAOS.cycles * (CHAOS.outageMs + CHAOS.recoveryTimeoutMs);

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
