import { Processor, ProcessorOptions } from '@nestjs/bullmq';
import { Type } from '@nestjs/common';
import { WorkerOptions } from 'bullmq';
import { AppConfig } from '../config/app-config';

/** Metadata keys of @nestjs/bullmq's @Processor decorator (bull.constants, not exported). */
const PROCESSOR_METADATA = 'bullmq:processor_metadata';
const WORKER_METADATA = 'bullmq:worker_metadata';

/** The worker options every processor of a process shares, from the config. */
export type SharedWorkerOptions = Pick<
  WorkerOptions,
  'name' | 'lockDuration' | 'stalledInterval' | 'maxStalledCount'
>;

/**
 * - `name`: BullMQ records it on every job it runs (`processedBy`), so an operator (or a test)
 *   sees which replica holds or ran a job.
 * - locks (JOB_LOCK_MS, JOB_MAX_STALLS): the stalled check runs as often as a lock lasts
 *   (BullMQ's own default relation), so a dead worker's job is back in the queue between one and
 *   two lock durations after its last renewal.
 */
export function sharedWorkerOptions(
  workerId: string,
  lock: AppConfig['worker']['jobLock'],
): SharedWorkerOptions {
  return {
    name: workerId,
    lockDuration: lock.lockMs,
    stalledInterval: lock.lockMs,
    maxStalledCount: lock.maxStalls,
  };
}

/**
 * Adds the shared options to each processor's worker options. @nestjs/bullmq builds a Worker from
 * the @Processor decorator's options alone, and the decorator runs at import time, before the
 * config is loaded; so the decorator is applied once more here, with its own options plus these,
 * before the worker module is built.
 */
export function applyWorkerOptions(processors: readonly Type[], shared: SharedWorkerOptions): void {
  for (const processor of processors) {
    const queue = Reflect.getMetadata(PROCESSOR_METADATA, processor) as
      ProcessorOptions | undefined;
    if (!queue?.name) {
      throw new Error(`${processor.name} is not a @Processor: declare its queue with @Processor()`);
    }
    const declared = (Reflect.getMetadata(WORKER_METADATA, processor) ?? {}) as WorkerOptions;
    // The processor's own options (queue name, scope, config key) are passed on as they were.
    Processor(queue, { ...declared, ...shared })(processor);
  }
}
