import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { RedisService } from '../redis/redis.service';
import { WORKER_ID } from './worker-identity';

export const HEARTBEAT_INTERVAL_MS = 5000;
/** A worker silent for this long is considered gone. */
export const HEARTBEAT_TTL_SECONDS = 20;

/** What a worker says about itself every few seconds (read by /system/health). */
export interface WorkerHeartbeat {
  id: string;
  queues: string[];
  started_at: string;
  seen_at: string;
  rss_bytes: number;
}

/** Keeps `workers:<id>` alive in Redis with a TTL while the worker runs. */
@Injectable()
export class WorkerHeartbeatService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHeartbeatService.name);
  private readonly startedAt = new Date().toISOString();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly redis: RedisService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.beat();
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.redis.client.del(this.redis.key('workers', WORKER_ID)).catch(() => undefined);
  }

  private async beat(): Promise<void> {
    const heartbeat: WorkerHeartbeat = {
      id: WORKER_ID,
      queues: this.config.worker.queues,
      started_at: this.startedAt,
      seen_at: new Date().toISOString(),
      rss_bytes: process.memoryUsage().rss,
    };
    try {
      await this.redis.client.set(
        this.redis.key('workers', WORKER_ID),
        JSON.stringify(heartbeat),
        'EX',
        HEARTBEAT_TTL_SECONDS,
      );
    } catch (error) {
      this.logger.warn(`Heartbeat not written: ${(error as Error).message}`);
    }
  }
}
