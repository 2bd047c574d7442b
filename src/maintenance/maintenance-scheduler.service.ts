import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
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
 * How often each worker registers the schedulers again: a Redis that restarted without its data
 * (no persistence, failover to an empty replica) has lost them, and nothing else brings them
 * back until a worker restarts. Re-registering keeps the next run time (BullMQ reuses the pending
 * slot of an unchanged `every`).
 */
const ENSURE_SCHEDULERS_EVERY_MS = 5000;

/**
 * Registers the maintenance job schedulers when a worker starts, and again every few seconds.
 * upsertJobScheduler is idempotent (keyed by the scheduler id), so every replica may call it: there
 * is still one schedule, and no in-process cron that would fire once per replica.
 */
@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MaintenanceScheduler.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly producer: JobProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureSchedulers();
    this.timer = setInterval(() => void this.ensureSchedulers(), ENSURE_SCHEDULERS_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async ensureSchedulers(): Promise<void> {
    const queue = this.producer.queue(QueueName.Maintenance);
    for (const { job, everyMs } of maintenanceSchedules(this.config)) {
      try {
        await queue.upsertJobScheduler(job, { every: everyMs }, { name: job, data: {} });
      } catch (error) {
        // Another replica (or this one's next round) registers it; never block the worker on it.
        this.logger.warn(`Job scheduler ${job} not registered: ${(error as Error).message}`);
      }
    }
  }
}
