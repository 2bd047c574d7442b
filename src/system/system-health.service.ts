import { Injectable, StreamableFile } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { statfs } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import { csvRow } from '../common/csv/csv.util';
import { RedisService } from '../redis/redis.service';
import { WorkerHeartbeat } from '../worker/worker-heartbeat.service';
import {
  ComponentStatus,
  DiskInfoDto,
  HealthComponentDto,
  SystemHealthDto,
} from './dto/system-health.dto';

/** Below either threshold the disk is reported degraded (logs, PostgreSQL and Redis AOF fill it). */
const DISK_MIN_FREE_PERCENT = 10;
const DISK_MIN_FREE_BYTES = 1024 ** 3;
const PROBE_TIMEOUT_MS = 1500;

const RANK: Record<ComponentStatus, number> = { ok: 0, degraded: 1, down: 2 };

async function timed<T>(
  fn: () => Promise<T>,
): Promise<{ value?: T; error?: Error; latency: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)),
        PROBE_TIMEOUT_MS,
      );
    });
    const value = await Promise.race([fn(), timeout]);
    return { value, latency: Math.round(performance.now() - started) };
  } catch (error) {
    return { error: error as Error, latency: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}

/** The state of every part of the system as seen from this API process. */
@Injectable()
export class SystemHealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisService,
  ) {}

  async health(): Promise<SystemHealthDto> {
    const [database, redis, workers, disk] = await Promise.all([
      timed(() => this.dataSource.query('SELECT 1')),
      timed(() => this.redis.client.ping()),
      timed(() => this.workers()),
      timed(() => this.disk()),
    ]);
    const components: HealthComponentDto[] = [
      {
        name: 'api',
        status: 'ok',
        detail: `pid ${process.pid}, up ${Math.round(process.uptime())} s`,
        latency_ms: 0,
      },
      database.error
        ? {
            name: 'database',
            status: 'down',
            detail: database.error.message,
            latency_ms: database.latency,
          }
        : {
            name: 'database',
            status: 'ok',
            detail: 'SELECT 1 answered',
            latency_ms: database.latency,
          },
      redis.error
        ? { name: 'redis', status: 'down', detail: redis.error.message, latency_ms: redis.latency }
        : { name: 'redis', status: 'ok', detail: 'PING answered', latency_ms: redis.latency },
      this.workersComponent(workers.value, workers.error, workers.latency),
      this.diskComponent(disk.value, disk.error),
    ];
    const status = components.reduce<ComponentStatus>(
      (worst, c) => (RANK[c.status] > RANK[worst] ? c.status : worst),
      'ok',
    );
    return {
      status,
      generated_at: new Date().toISOString(),
      components,
      workers: workers.value ?? [],
      disk: disk.value ?? null,
    };
  }

  /** The health report as a downloadable file. */
  async exportFile(format: 'csv' | 'json'): Promise<StreamableFile> {
    const health = await this.health();
    const stamp = health.generated_at.replace(/[:.]/g, '-');
    return format === 'csv'
      ? new StreamableFile(Buffer.from(`\uFEFF${this.toCsv(health)}`), {
          type: 'text/csv; charset=utf-8',
          disposition: `attachment; filename="system-health-${stamp}.csv"`,
        })
      : new StreamableFile(Buffer.from(JSON.stringify(health, null, 2)), {
          type: 'application/json; charset=utf-8',
          disposition: `attachment; filename="system-health-${stamp}.json"`,
        });
  }

  /** One line per component. */
  private toCsv(health: SystemHealthDto): string {
    return [
      csvRow(['component', 'status', 'detail', 'latency_ms', 'generated_at']),
      ...health.components.map((c) =>
        csvRow([c.name, c.status, c.detail, c.latency_ms, health.generated_at]),
      ),
    ].join('');
  }

  /** Heartbeats of live workers (keys expire when a worker stops beating). */
  async workers(): Promise<WorkerHeartbeat[]> {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await this.redis.client.scan(
        cursor,
        'MATCH',
        this.redis.key('workers', '*'),
        'COUNT',
        200,
      );
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    if (keys.length === 0) {
      return [];
    }
    const values = await this.redis.client.mget(...keys);
    const out: WorkerHeartbeat[] = [];
    for (const raw of values) {
      try {
        if (raw) {
          out.push(JSON.parse(raw) as WorkerHeartbeat);
        }
      } catch {
        // A malformed heartbeat is ignored: the worker will overwrite it within seconds.
      }
    }
    return out.sort((a, b) => a.id.localeCompare(b.id));
  }

  private async disk(): Promise<DiskInfoDto> {
    const path = process.cwd();
    const s = await statfs(path);
    const free = s.bavail * s.bsize;
    const total = s.blocks * s.bsize;
    return {
      path,
      free_bytes: free,
      total_bytes: total,
      free_percent: total === 0 ? 0 : Math.round((free / total) * 1000) / 10,
    };
  }

  private workersComponent(
    workers: WorkerHeartbeat[] | undefined,
    error: Error | undefined,
    latency: number,
  ): HealthComponentDto {
    if (error || !workers) {
      return {
        name: 'workers',
        status: 'down',
        detail: `heartbeats unreadable: ${error?.message}`,
        latency_ms: latency,
      };
    }
    if (workers.length === 0) {
      return {
        name: 'workers',
        status: 'down',
        detail: 'no worker heartbeat seen',
        latency_ms: latency,
      };
    }
    return {
      name: 'workers',
      status: 'ok',
      detail: `${workers.length} worker(s) alive`,
      latency_ms: latency,
    };
  }

  private diskComponent(
    disk: DiskInfoDto | undefined,
    error: Error | undefined,
  ): HealthComponentDto {
    if (error || !disk) {
      return {
        name: 'disk',
        status: 'degraded',
        detail: `free space unknown: ${error?.message}`,
        latency_ms: null,
      };
    }
    const gib = (disk.free_bytes / 1024 ** 3).toFixed(1);
    const low = disk.free_percent < DISK_MIN_FREE_PERCENT || disk.free_bytes < DISK_MIN_FREE_BYTES;
    return {
      name: 'disk',
      status: low ? 'degraded' : 'ok',
      detail: `${gib} GiB free (${disk.free_percent} %) at ${disk.path}`,
      latency_ms: null,
    };
  }
}
