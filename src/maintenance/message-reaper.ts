import { JobState } from 'bullmq';
import { MessageState } from '../messages/entities/message.entity';

/** A message found in flight (planned, generating, sending) for longer than the lease. */
export interface InFlightMessage {
  state: MessageState.Planned | MessageState.Generating | MessageState.Sending;
  createdAt: Date;
}

/**
 * Where the message's send job stands in BullMQ (`missing`: no such job any more, e.g. never
 * enqueued because the worker died between the row and the job, or lost with Redis' data).
 */
export type SendJobState = JobState | 'missing';

export type ReaperVerdict =
  | { action: 'leave' }
  /** Enqueue its send job again (same deterministic id): the row decides what happens. */
  | { action: 'redrive' }
  | { action: 'failed'; code: string; detail?: string }
  | { action: 'unknown'; code: string; detail?: string };

/** A message planned longer ago than this is out of its conversation: it is not sent late. */
export const MAX_REDRIVE_AGE_MS = 10 * 60_000;

/** Job states in which BullMQ will still run the job: leave the row to it. */
const PENDING_JOB_STATES: readonly SendJobState[] = [
  'waiting',
  'delayed',
  'prioritized',
  'waiting-children',
];

/**
 * What to do with a message left in flight after a crash (ADR 0002, SPEC 8): the ledger never
 * lets a message go out twice, so the reaper only ever closes rows or hands them back to their
 * own idempotent send job.
 *
 * - `sending`: the Telegram call may have left. While the job is active a worker holds it, or
 *   BullMQ's stalled check will hand it on (and the re-run records `unknown`). Otherwise nothing
 *   will ever finish it: `unknown`, never resent.
 * - `planned`: nothing left the process. A job still queued will deliver it. A job that failed
 *   (e.g. stalled past JOB_MAX_STALLS) ends the message `failed` with the job's reason. A job that
 *   is gone is enqueued again while the message is fresh, else the message fails as lost.
 * - `generating`: the turn that owned it died with its text; its retried turn writes a new row.
 */
export function reaperVerdict(
  message: InFlightMessage,
  job: { state: SendJobState; failedReason?: string },
  now: Date,
): ReaperVerdict {
  switch (message.state) {
    case MessageState.Sending:
      if (job.state === 'active') {
        return { action: 'leave' };
      }
      return {
        action: 'unknown',
        code: 'interrupted_during_send',
        detail: `send job ${job.state}`,
      };
    case MessageState.Generating:
      return { action: 'failed', code: 'interrupted_during_generation' };
    case MessageState.Planned:
      if (job.state === 'active' || PENDING_JOB_STATES.includes(job.state)) {
        return { action: 'leave' };
      }
      if (job.state === 'failed') {
        return { action: 'failed', code: 'send_job_failed', detail: job.failedReason };
      }
      if (
        job.state === 'missing' &&
        now.getTime() - message.createdAt.getTime() < MAX_REDRIVE_AGE_MS
      ) {
        return { action: 'redrive' };
      }
      return { action: 'failed', code: 'send_job_lost', detail: `send job ${job.state}` };
  }
}
