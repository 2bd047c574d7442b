import { Processor } from '@nestjs/bullmq';
import { DelayedError } from 'bullmq';
import { JobHandlers, QueueProcessor } from '../../queue/queue-processor';
import { QueueName } from '../../queue/queue-name';
import { SendService } from './send.service';

/** Many sends wait on typing or Telegram; they are I/O-bound, so a worker runs many at once. */
const SEND_CONCURRENCY = 50;

@Processor(QueueName.Send, { concurrency: SEND_CONCURRENCY })
export class SendProcessor extends QueueProcessor<QueueName.Send> {
  constructor(private readonly send: SendService) {
    super();
  }

  protected readonly handlers: JobHandlers<QueueName.Send> = {
    'send.deliver': async (payload, job, token) => {
      const outcome = await this.send.deliver(payload.messageId, {
        attemptsMade: job.attemptsMade,
        maxAttempts: job.opts.attempts ?? 1,
      });
      switch (outcome.status) {
        case 'delayed':
          // Parks the job until the limit frees up; BullMQ does not count this as an attempt.
          await job.moveToDelayed(outcome.until, token);
          throw new DelayedError(outcome.reason);
        case 'retry':
          throw new Error(outcome.reason);
        case 'done':
        case 'skipped':
          return outcome;
      }
    },
  };
}
