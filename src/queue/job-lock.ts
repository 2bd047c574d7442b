import { Processor } from '@nestjs/bullmq';
import { Type } from '@nestjs/common';
import { WorkerOptions } from 'bullmq';
import { AppConfig } from '../config/app-config';

/** Metadata keys of @nestjs/bullmq's @Processor decorator (bull.constants, not exported). */
const PROCESSOR_METADATA = 'bullmq:processor_metadata';
const WORKER_METADATA = 'bullmq:worker_metadata';

export type JobLockOptions = Pick<
  WorkerOptions,
  'lockDuration' | 'stalledInterval' | 'maxStalledCount'
>;

/**
 * BullMQ's lock settings from the config (JOB_LOCK_MS, JOB_MAX_STALLS). The stalled check runs
 * as often as a lock lasts (BullMQ's own default relation), so a dead worker's job is back in the
 * queue between one and two lock durations after its last renewal.
 */
export function jobLockOptions(lock: AppConfig['worker']['jobLock']): JobLockOptions {
  return {
    lockDuration: lock.lockMs,
    stalledInterval: lock.lockMs,
    maxStalledCount: lock.maxStalls,
  };
}

/**
 * Adds the lock settings to each processor's worker options. @nestjs/bullmq builds a Worker from
 * the @Processor decorator's options alone, and the decorator runs at import time, before the
 * config is loaded; so the decorator is applied once more here, with its own options plus these,
 * before the worker module is built.
 */
export function applyJobLock(processors: readonly Type[], lock: JobLockOptions): void {
  for (const processor of processors) {
    const queue = Reflect.getMetadata(PROCESSOR_METADATA, processor) as
      { name?: string } | undefined;
    if (!queue?.name) {
      throw new Error(`${processor.name} is not a @Processor: declare its queue with @Processor()`);
    }
    const declared = (Reflect.getMetadata(WORKER_METADATA, processor) ?? {}) as WorkerOptions;
    Processor(queue.name, { ...declared, ...lock })(processor);
  }
}
