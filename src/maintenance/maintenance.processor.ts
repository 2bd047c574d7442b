import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MemoryDecayService } from '../memories/memory-decay.service';
import { NewsService } from '../news/news.service';
import { JobHandlers, QueueProcessor } from '../queue/queue-processor';
import { QueueName } from '../queue/queue-name';
import { WORKER_ID } from '../worker/worker-identity';
import { MessageReaper } from './message-reaper.service';
import { MessageRetentionService } from './message-retention.service';

/** Maintenance jobs; their repeat schedules live in MaintenanceScheduler (maintenanceSchedules). */
@Processor(QueueName.Maintenance, { concurrency: 2 })
export class MaintenanceProcessor extends QueueProcessor<QueueName.Maintenance> {
  constructor(
    private readonly retention: MessageRetentionService,
    private readonly reaper: MessageReaper,
    private readonly memoryDecay: MemoryDecayService,
    private readonly news: NewsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  protected readonly handlers: JobHandlers<QueueName.Maintenance> = {
    'maintenance.probe': async (payload) => {
      // TEST_PROBE_DELAY_MS (NODE_ENV=test only) keeps a job in flight for shutdown tests.
      if (this.config.worker.testProbeDelayMs > 0) {
        await sleep(this.config.worker.testProbeDelayMs);
      }
      return { status: 'done', worker: WORKER_ID, requested_at: payload.requestedAt };
    },
    'maintenance.retention': async () => {
      const run = await this.retention.purge();
      return run.retentionDays > 0
        ? { status: 'done', ...run }
        : { status: 'skipped', reason: 'message_retention_days is 0 (keep forever)' };
    },
    'maintenance.reap_messages': async () => ({ status: 'done', ...(await this.reaper.reap()) }),
    'maintenance.memory_decay': () => this.memoryDecay.run(new Date()),
    'maintenance.news_refresh': () => this.news.refresh(),
  };
}
