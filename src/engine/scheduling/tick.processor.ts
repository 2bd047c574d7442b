import { InjectQueue, Processor } from '@nestjs/bullmq';
import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobHandlers, QueueProcessor } from '../../queue/queue-processor';
import { QueueName } from '../../queue/queue-name';
import { TurnScheduler } from './turn-scheduler.service';

/** How often the job scheduler starts a tick; each tick claims due chats for about this long. */
export const TICK_EVERY_MS = 1000;
/**
 * Ends a tick a little before the next one is due, so that on one replica ticks follow each other
 * instead of queueing up behind a late one.
 */
const TICK_WINDOW_MS = TICK_EVERY_MS - 100;
/**
 * How often each replica re-registers the tick scheduler. A Redis that restarted without its data
 * (no persistence, failover to an empty replica) has lost the scheduler, and nothing else would
 * bring it back: the simulation would stop until a worker restarts.
 */
const ENSURE_SCHEDULER_EVERY_MS = 5000;

@Processor(QueueName.Tick, { concurrency: 1 })
export class TickProcessor
  extends QueueProcessor<QueueName.Tick>
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly scheduler: TurnScheduler,
    @InjectQueue(QueueName.Tick) private readonly queue: Queue,
  ) {
    super();
  }

  /** Idempotent: every replica calls it at boot and then every few seconds. */
  async onApplicationBootstrap(): Promise<void> {
    await this.ensureScheduler();
    this.timer = setInterval(() => {
      this.ensureScheduler().catch((error: unknown) => {
        this.logger.warn(`tick scheduler not registered: ${String(error)}`);
      });
    }, ENSURE_SCHEDULER_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async ensureScheduler(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'tick-scan',
      { every: TICK_EVERY_MS },
      { name: 'tick.scan', data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  }

  protected readonly handlers: JobHandlers<QueueName.Tick> = {
    'tick.scan': () => this.scheduler.tick(TICK_WINDOW_MS),
  };
}
