import { WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, Optional } from '@nestjs/common';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { runWithJobLogContext } from '../common/logging/job-log-context';
import { redactSecrets } from '../common/logging/redact';
import { MetricsRegistry } from '../observability/metrics.registry';
import { JobNameOf, JobPayloads, JobResult } from './job-definitions';
import { QueueName } from './queue-name';

/** A handler for every job name of queue Q: the compiler rejects a missing or extra one. */
export type JobHandlers<Q extends QueueName> = {
  [N in JobNameOf<Q>]: (
    payload: JobPayloads[N],
    job: Job<JobPayloads[N]>,
    /** The worker's lock token for this job (needed by job.moveToDelayed). */
    token: string | undefined,
  ) => Promise<JobResult>;
};

/**
 * Base of every processor: dispatches by job name to the handler map. Processors stay thin —
 * they reload state by id and call a service. An unknown job name cannot be retried into
 * existence, so it fails permanently with a message naming the fix.
 */
export abstract class QueueProcessor<Q extends QueueName> extends WorkerHost {
  protected readonly logger = new Logger(this.constructor.name);
  protected abstract readonly handlers: JobHandlers<Q>;

  // Property injection keeps subclasses' constructors free for their own services.
  @Optional() @Inject(MetricsRegistry) private readonly metrics?: MetricsRegistry;
  @Optional() @Inject(PinoLogger) private readonly pino?: PinoLogger;

  /**
   * Every job runs with its ids in the log context and is counted and timed by outcome
   * (done, skipped, delayed — moved back by a limiter — or failed).
   */
  async process(job: Job, token?: string): Promise<JobResult> {
    const started = performance.now();
    const record = (outcome: 'done' | 'skipped' | 'delayed' | 'failed'): void =>
      this.metrics?.jobProcessed(
        job.queueName,
        job.name,
        outcome,
        (performance.now() - started) / 1000,
      );
    return runWithJobLogContext(this.pino?.logger, job, async () => {
      try {
        const result = await this.dispatch(job, token);
        record(result.status);
        return result;
      } catch (error) {
        if (error instanceof DelayedError) {
          record('delayed');
        } else {
          // Logged once per attempt here, so no job fails silently (BullMQ only keeps the reason).
          record('failed');
          this.logger.error(
            `job ${job.name} ${job.id ?? ''} failed (attempt ${job.attemptsMade + 1}/${job.opts.attempts ?? 1}): ` +
              redactSecrets(
                error instanceof Error ? (error.stack ?? error.message) : String(error),
              ),
          );
        }
        throw error;
      }
    });
  }

  private async dispatch(job: Job, token: string | undefined): Promise<JobResult> {
    // The handler map is keyed by job name; at runtime a job's name is just a string.
    const handlers = this.handlers as unknown as Record<
      string,
      ((payload: unknown, job: Job, token: string | undefined) => Promise<JobResult>) | undefined
    >;
    const handler = handlers[job.name];
    if (!handler) {
      throw new UnrecoverableError(
        `No handler for job "${job.name}" on this queue: add it to JOB_QUEUE and to the processor's handlers map.`,
      );
    }
    return handler(job.data, job, token);
  }
}
