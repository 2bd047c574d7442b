import { DefaultJobOptions } from 'bullmq';
import { QueueName } from './queue-name';

/**
 * Default job options per queue: bounded attempts with exponential backoff (BullMQ adds no jitter
 * of its own to "exponential"; the jittered strategy is registered by the workers), and bounded
 * retention so Redis does not grow with history (PostgreSQL holds the history).
 */
export const QUEUE_DEFAULT_JOB_OPTIONS: Record<QueueName, DefaultJobOptions> = {
  [QueueName.Tick]: { attempts: 1, removeOnComplete: 100, removeOnFail: 100 },
  [QueueName.Turn]: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: { count: 1000, age: 3600 },
    removeOnFail: { count: 5000, age: 7 * 24 * 3600 },
  },
  [QueueName.Send]: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: { count: 1000, age: 3600 },
    removeOnFail: { count: 5000, age: 7 * 24 * 3600 },
  },
  [QueueName.Updates]: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 500 },
    removeOnComplete: { count: 1000, age: 3600 },
    removeOnFail: { count: 5000, age: 7 * 24 * 3600 },
  },
  [QueueName.Maintenance]: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 5000 },
    removeOnComplete: 100,
    removeOnFail: 500,
  },
};
