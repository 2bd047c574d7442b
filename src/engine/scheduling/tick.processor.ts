import { InjectQueue, Processor } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobHandlers, QueueProcessor } from '../../queue/queue-processor';
import { QueueName } from '../../queue/queue-name';
import { TurnScheduler } from './turn-scheduler.service';

/** The tick's resolution bounds scheduling lag (ADR 0002). */
export const TICK_EVERY_MS = 1000;

@Processor(QueueName.Tick, { concurrency: 1 })
export class TickProcessor
  extends QueueProcessor<QueueName.Tick>
  implements OnApplicationBootstrap
{
  constructor(
    private readonly scheduler: TurnScheduler,
    @InjectQueue(QueueName.Tick) private readonly queue: Queue,
  ) {
    super();
  }

  /** Idempotent: every replica calls it at boot; BullMQ keeps one scheduler under this id. */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'tick-scan',
      { every: TICK_EVERY_MS },
      { name: 'tick.scan', data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  }

  protected readonly handlers: JobHandlers<QueueName.Tick> = {
    'tick.scan': () => this.scheduler.tick(),
  };
}
