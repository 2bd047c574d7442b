import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobProducer } from '../queue/job-producer.service';
import { JobName } from '../queue/job-definitions';
import { QueueName } from '../queue/queue-name';

/** Repeating maintenance jobs and how often they run. */
export function maintenanceSchedules(config: AppConfig): { job: JobName; everyMs: number }[] {
  return [
    { job: 'maintenance.retention', everyMs: 3600_000 },
    { job: 'maintenance.memory_decay', everyMs: 24 * 3600_000 },
    { job: 'maintenance.news_refresh', everyMs: 10 * 60_000 },
    // As often as a lock lasts: a crash's leftovers get their final state within a few locks.
    { job: 'maintenance.reap_messages', everyMs: config.worker.jobLock.lockMs },
  ];
}

/**
 * Registers the maintenance job schedulers when a worker starts. upsertJobScheduler is idempotent
 * (keyed by the scheduler id), so every replica may call it at every boot: there is still one
 * schedule, and no in-process cron that would fire once per replica.
 */
@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(MaintenanceScheduler.name);

  constructor(
    private readonly producer: JobProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const queue = this.producer.queue(QueueName.Maintenance);
    for (const { job, everyMs } of maintenanceSchedules(this.config)) {
      try {
        await queue.upsertJobScheduler(job, { every: everyMs }, { name: job, data: {} });
      } catch (error) {
        // Another replica (or this one's next start) registers it; never block the worker on it.
        this.logger.warn(`Job scheduler ${job} not registered: ${(error as Error).message}`);
      }
    }
  }
}
