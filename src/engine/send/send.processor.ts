import { Processor } from '@nestjs/bullmq';
import { DelayedError } from 'bullmq';
import { JobHandlers, QueueProcessor } from '../../queue/queue-processor';
import { QueueName } from '../../queue/queue-name';
import { SendService } from './send.service';

/**
 * Sends wait on Telegram and, above all, on typing: a message holds its job for its whole typing
 * time (up to 25 s). Every chat may have one message typing at once (a turn waits for its chat's
 * previous message), so the fleet's send slots must cover every chat typing together, or messages
 * queue for a slot and the chats fall behind their schedule. A waiting job is a timer, not work.
 */
const SEND_CONCURRENCY = 500;

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
