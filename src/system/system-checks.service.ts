import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code';
import { migrationsAreCurrent } from '../database/run-migrations';
import { JOB_QUEUE } from '../queue/job-definitions';
import { JobProducer } from '../queue/job-producer.service';
import { QueueStatsService } from '../queue/queue-stats.service';
import { RedisService } from '../redis/redis.service';
import { Setting } from '../settings/entities/setting.entity';
import { isSettingKey, resolveSettings } from '../settings/settings.registry';
import { SettingsReader } from '../settings/settings-reader.service';
import { summarizeChecks } from './check-summary.util';
import { CheckSummaryDto } from './dto/check-summary.dto';
import { CheckStepDto, StepStatus, SystemCheckDto } from './dto/system-check.dto';
import { SystemCheck, SystemCheckStatus } from './entities/system-check.entity';
import { SystemHealthService } from './system-health.service';

export const DEFAULT_WORKER_TIMEOUT_SECONDS = 5;
const POLL_MS = 100;

type StepOutcome = { status: StepStatus; detail: string };

/** The self-check: each step probes one dependency; the run is stored in system_checks. */
@Injectable()
export class SystemChecksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisService,
    private readonly producer: JobProducer,
    private readonly queues: QueueStatsService,
    private readonly health: SystemHealthService,
    private readonly settings: SettingsReader,
  ) {}

  async run(
    triggeredBy: string | null,
    workerTimeoutSeconds = DEFAULT_WORKER_TIMEOUT_SECONDS,
  ): Promise<SystemCheckDto> {
    const started = performance.now();
    const steps: CheckStepDto[] = [];
    const step = async (name: string, fn: () => Promise<StepOutcome>): Promise<void> => {
      const t0 = performance.now();
      let outcome: StepOutcome;
      try {
        outcome = await fn();
      } catch (error) {
        outcome = { status: 'failed', detail: (error as Error).message };
      }
      steps.push({ name, ...outcome, duration_ms: Math.round(performance.now() - t0) });
    };

    await step('database', async () => {
      await this.dataSource.query('SELECT 1');
      return { status: 'passed', detail: 'SELECT 1 answered' };
    });
    await step('redis', async () =>
      (await this.redis.ping(1500))
        ? { status: 'passed', detail: 'PING answered' }
        : { status: 'failed', detail: 'Redis did not answer PING within 1.5 s' },
    );
    await step('migrations', async () =>
      (await migrationsAreCurrent(this.dataSource))
        ? { status: 'passed', detail: 'every migration is applied' }
        : { status: 'failed', detail: 'pending migrations: run npm run migration:run' },
    );
    await step('worker_roundtrip', () => this.probeWorker(workerTimeoutSeconds));
    await step('queues', async () => {
      const stats = await this.queues.stats();
      const paused = stats.queues.filter((q) => q.is_paused).map((q) => q.name);
      const failed = stats.queues.reduce((n, q) => n + q.failed, 0);
      const summary = `${stats.total_pending} pending, ${failed} failed jobs kept`;
      return paused.length > 0
        ? { status: 'failed', detail: `paused queue(s): ${paused.join(', ')}; ${summary}` }
        : { status: 'passed', detail: summary };
    });
    await step('settings', async () => {
      const rows = await this.dataSource.getRepository(Setting).find();
      const { invalid } = resolveSettings(rows);
      const unknown = rows.filter((r) => !isSettingKey(r.key)).map((r) => r.key);
      if (invalid.length > 0) {
        return {
          status: 'failed',
          detail: `invalid: ${invalid.map((i) => `${i.key} (${i.reason})`).join('; ')}`,
        };
      }
      return unknown.length > 0
        ? { status: 'warning', detail: `unknown keys ignored: ${unknown.join(', ')}` }
        : { status: 'passed', detail: `${rows.length} stored setting(s) valid` };
    });
    await step('bots', async () => {
      const rows = await this.dataSource.query<{ name: string; last_error: string | null }[]>(
        `SELECT name, last_error FROM bots WHERE status = 'error' ORDER BY name LIMIT 6`,
      );
      if (rows.length === 0) {
        return { status: 'passed', detail: 'no bot in error' };
      }
      const names = rows.slice(0, 5).map((r) => r.name);
      return {
        status: 'warning',
        detail: `bots in error: ${names.join(', ')}${rows.length > 5 ? ', …' : ''}`,
      };
    });

    const healthChecks = (await this.health.health()).components;
    const failedSteps = steps.filter((s) => s.status === 'failed').length;
    const saved = await this.dataSource.getRepository(SystemCheck).save({
      status: failedSteps === 0 ? SystemCheckStatus.Passed : SystemCheckStatus.Failed,
      totalSteps: steps.length,
      passedSteps: steps.length - failedSteps,
      failedSteps,
      duration: Math.round(performance.now() - started) / 1000,
      triggeredBy,
      details: { steps, health_checks: healthChecks },
    });
    return this.view(saved);
  }

  async latest(): Promise<SystemCheckDto> {
    const [latest] = await this.dataSource
      .getRepository(SystemCheck)
      .find({ order: { createdAt: 'DESC', id: 'DESC' }, take: 1 });
    if (!latest) {
      throw new DomainException(ErrorCode.NotFound, 'No system check has run yet');
    }
    return this.view(latest);
  }

  async summary(windowDays: number): Promise<CheckSummaryDto> {
    const rows = await this.dataSource.query<
      { status: SystemCheckStatus; duration: number; created_at: Date; failed_steps: string[] }[]
    >(
      `SELECT status, duration, created_at,
              CASE WHEN jsonb_typeof(details -> 'steps') = 'array' THEN
                coalesce((SELECT array_agg(s ->> 'name') FROM jsonb_array_elements(details -> 'steps') s
                          WHERE s ->> 'status' = 'failed'), '{}')
              ELSE '{}' END AS failed_steps
       FROM system_checks
       WHERE created_at >= now() - $1::int * interval '1 day'
       ORDER BY created_at`,
      [windowDays],
    );
    const { timezone } = await this.settings.get();
    return summarizeChecks(
      rows.map((r) => ({
        passed: r.status === SystemCheckStatus.Passed,
        duration: r.duration,
        createdAt: r.created_at,
        failedSteps: r.failed_steps,
      })),
      windowDays,
      new Date(),
      timezone,
    );
  }

  /** A real job through the maintenance queue: proves a worker consumes jobs right now. */
  private async probeWorker(timeoutSeconds: number): Promise<StepOutcome> {
    const job = await this.producer.enqueue(
      'maintenance.probe',
      { requestedAt: new Date().toISOString() },
      { attempts: 1, removeOnComplete: false, removeOnFail: false },
    );
    const deadline = Date.now() + timeoutSeconds * 1000;
    const queue = this.producer.queue(JOB_QUEUE['maintenance.probe']);
    for (;;) {
      const state = await queue.getJobState(job.id ?? '');
      if (state === 'completed' || state === 'failed' || state === 'unknown') {
        // The probe leaves no trace in the queue, whatever its outcome.
        await job.remove().catch(() => undefined);
      }
      if (state === 'completed') {
        return { status: 'passed', detail: 'a worker answered the probe job' };
      }
      if (state === 'failed' || state === 'unknown') {
        return { status: 'failed', detail: `the probe job ended as ${state} in the worker` };
      }
      if (Date.now() >= deadline) {
        // Still waiting or locked by a slow worker; removing a locked job fails, which is fine.
        await job.remove().catch(() => undefined);
        return {
          status: 'failed',
          detail: `no worker took the probe job within ${timeoutSeconds} s: start a worker consuming the maintenance queue`,
        };
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private view(check: SystemCheck): SystemCheckDto {
    const details = check.details as Partial<SystemCheckDto['details']>;
    return {
      id: check.id,
      status: check.status,
      total_steps: check.totalSteps,
      passed_steps: check.passedSteps,
      failed_steps: check.failedSteps,
      duration: check.duration,
      triggered_by: check.triggeredBy,
      details: { steps: details.steps ?? [], health_checks: details.health_checks ?? [] },
      created_at: check.createdAt.toISOString(),
    };
  }
}
