import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JobProducer } from '../queue/job-producer.service';
import { JobName } from '../queue/job-definitions';
import { QueueName } from '../queue/queue-name';

/** Repeating maintenance jobs and how often they run. */
export const MAINTENANCE_SCHEDULES: { job: JobName; everyMs: number }[] = [
  { job: 'maintenance.retention', everyMs: 3600_000 },
  { job: 'maintenance.memory_decay', everyMs: 24 * 3600_000 },
  { job: 'maintenance.news_refresh', everyMs: 10 * 60_000 },
];

/**
 * Registers the maintenance job schedulers when a worker starts. upsertJobScheduler is idempotent
 * (keyed by the scheduler id), so every replica may call it at every boot: there is still one
 * schedule, and no in-process cron that would fire once per replica.
 */
@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(MaintenanceScheduler.name);

  constructor(private readonly producer: JobProducer) {}

  async onApplicationBootstrap(): Promise<void> {
    const queue = this.producer.queue(QueueName.Maintenance);
    for (const { job, everyMs } of MAINTENANCE_SCHEDULES) {
      try {
        await queue.upsertJobScheduler(job, { every: everyMs }, { name: job, data: {} });
      } catch (error) {
        // Another replica (or this one's next start) registers it; never block the worker on it.
        this.logger.warn(`Job scheduler ${job} not registered: ${(error as Error).message}`);
      }
    }
  }
}
