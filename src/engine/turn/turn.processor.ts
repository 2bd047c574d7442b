import { Processor } from '@nestjs/bullmq';
import { JobHandlers, QueueProcessor } from '../../queue/queue-processor';
import { QueueName } from '../../queue/queue-name';
import { TurnService } from './turn.service';

/** Turns wait mostly on the LLM: many run at once per worker (one per chat at a time). */
const TURN_CONCURRENCY = 20;

@Processor(QueueName.Turn, { concurrency: TURN_CONCURRENCY })
export class TurnProcessor extends QueueProcessor<QueueName.Turn> {
  constructor(private readonly turns: TurnService) {
    super();
  }

  protected readonly handlers: JobHandlers<QueueName.Turn> = {
    'turn.run': (payload, job) =>
      this.turns.run({
        chatDbId: payload.chatDbId,
        reason: payload.reason,
        turnKey: job.id ?? `${payload.chatDbId}`,
        triggerMessageId: payload.triggerMessageId,
        botId: payload.botId,
      }),
  };
}
