import { MessageState } from '../messages/entities/message.entity';
import { InFlightMessage, MAX_REDRIVE_AGE_MS, reaperVerdict, SendJobState } from './message-reaper';

const NOW = new Date('2026-05-04T12:00:00Z');
const fresh = new Date(NOW.getTime() - 60_000);
const old = new Date(NOW.getTime() - MAX_REDRIVE_AGE_MS - 1);

function verdict(
  state: InFlightMessage['state'],
  job: SendJobState,
  createdAt = fresh,
  failedReason?: string,
) {
  return reaperVerdict({ state, createdAt }, { state: job, failedReason }, NOW);
}

describe('reaperVerdict', () => {
  it('never lets a sending message be sent again: unknown unless a worker still holds its job', () => {
    expect(verdict(MessageState.Sending, 'active')).toEqual({ action: 'leave' });
    for (const job of ['missing', 'failed', 'completed', 'waiting', 'delayed'] as const) {
      expect(verdict(MessageState.Sending, job)).toEqual({
        action: 'unknown',
        code: 'interrupted_during_send',
        detail: `send job ${job}`,
      });
    }
  });

  it('leaves a planned message to a job BullMQ will still run', () => {
    for (const job of [
      'active',
      'waiting',
      'delayed',
      'prioritized',
      'waiting-children',
    ] as const) {
      expect(verdict(MessageState.Planned, job, old)).toEqual({ action: 'leave' });
    }
  });

  it('fails a planned message whose job failed, with the job reason', () => {
    expect(
      verdict(MessageState.Planned, 'failed', fresh, 'job stalled more than allowable limit'),
    ).toEqual({
      action: 'failed',
      code: 'send_job_failed',
      detail: 'job stalled more than allowable limit',
    });
  });

  it('re-drives a fresh planned message whose job is gone, and fails a stale one as lost', () => {
    expect(verdict(MessageState.Planned, 'missing', fresh)).toEqual({ action: 'redrive' });
    expect(verdict(MessageState.Planned, 'missing', old)).toEqual({
      action: 'failed',
      code: 'send_job_lost',
      detail: 'send job missing',
    });
    // A finished job cannot be enqueued again under its id: the message is lost, said so.
    expect(verdict(MessageState.Planned, 'completed', fresh)).toMatchObject({
      action: 'failed',
      code: 'send_job_lost',
    });
  });

  it('fails a message whose generation was interrupted', () => {
    expect(verdict(MessageState.Generating, 'missing')).toEqual({
      action: 'failed',
      code: 'interrupted_during_generation',
    });
  });
});
