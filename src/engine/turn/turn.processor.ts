import { Processor } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { JobHandlers, QueueProcessor } from '../../queue/queue-processor';
import { QueueName } from '../../queue/queue-name';
import { TurnService } from './turn.service';

/**
 * Turns wait mostly on the LLM: many run at once per worker (one per chat at a time). The
 * decorator's value is the default; TURN_CONCURRENCY (config) is applied once the worker exists.
 */
@Processor(QueueName.Turn, { concurrency: 64 })
export class TurnProcessor
  extends QueueProcessor<QueueName.Turn>
  implements OnApplicationBootstrap
{
  constructor(
    private readonly turns: TurnService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.worker.turnConcurrency;
  }

  protected readonly handlers: JobHandlers<QueueName.Turn> = {
    'turn.run': (payload, job) =>
      this.turns.run({
        chatDbId: payload.chatDbId,
        reason: payload.reason,
        turnKey: job.id ?? `${payload.chatDbId}`,
        // BullMQ counts every start, retries and restarts after a stall included.
        firstRun: job.attemptsStarted <= 1,
        triggerMessageId: payload.triggerMessageId,
        botId: payload.botId,
      }),
  };
}
