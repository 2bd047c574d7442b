import { InjectQueue, Processor } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { MemoryDecayService } from '../memories/memory-decay.service';
import { NewsService } from '../news/news.service';
import { JobHandlers, QueueProcessor } from '../queue/queue-processor';
import { QueueName } from '../queue/queue-name';
import { WORKER_ID } from '../worker/worker-identity';

const DAY_MS = 24 * 3600 * 1000;
const NEWS_EVERY_MS = 10 * 60 * 1000;

@Processor(QueueName.Maintenance, { concurrency: 2 })
export class MaintenanceProcessor
  extends QueueProcessor<QueueName.Maintenance>
  implements OnApplicationBootstrap
{
  constructor(
    private readonly memoryDecay: MemoryDecayService,
    private readonly news: NewsService,
    @InjectQueue(QueueName.Maintenance) private readonly queue: Queue,
  ) {
    super();
  }

  /** Idempotent: every replica calls it at boot; BullMQ keeps one scheduler per id. */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'memory-decay',
      { every: DAY_MS },
      {
        name: 'maintenance.memory_decay',
        data: {},
        opts: { removeOnComplete: 10, removeOnFail: 10 },
      },
    );
    await this.queue.upsertJobScheduler(
      'news-refresh',
      { every: NEWS_EVERY_MS },
      {
        name: 'maintenance.news_refresh',
        data: {},
        opts: { removeOnComplete: 10, removeOnFail: 10 },
      },
    );
  }

  protected readonly handlers: JobHandlers<QueueName.Maintenance> = {
    'maintenance.probe': async (payload) => ({
      status: 'done',
      worker: WORKER_ID,
      requested_at: payload.requestedAt,
    }),
    'maintenance.memory_decay': () => this.memoryDecay.run(new Date()),
    'maintenance.news_refresh': () => this.news.refresh(),
  };
}
