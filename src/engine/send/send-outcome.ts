import { JobResult } from '../../queue/job-definitions';

/**
 * What a delivery attempt decided. `delayed` asks the processor to park the job until `until`
 * (BullMQ moveToDelayed + DelayedError: no attempt consumed); `retry` asks for a normal retry with
 * backoff (an attempt consumed).
 */
export type SendOutcome =
  | JobResult
  | { status: 'delayed'; until: number; reason: string }
  | { status: 'retry'; reason: string };

/** Where the job stands in its attempts, so the last transient failure can end as `failed`. */
export interface AttemptInfo {
  attemptsMade: number;
  maxAttempts: number;
}
