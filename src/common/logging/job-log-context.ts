import { Job } from 'bullmq';
import { storage, Store } from 'nestjs-pino/storage';
import { Logger as PinoRootLogger } from 'pino';

/** What the helpers read of a BullMQ job. */
export type JobIdentity = Pick<Job, 'id' | 'name' | 'queueName' | 'attemptsMade' | 'data'>;

/** Log fields of one job: its identity and the ids its payload carries (payloads hold ids only). */
export function jobLogBindings(job: JobIdentity): Record<string, string | number> {
  const bindings: Record<string, string | number> = {
    job_id: job.id ?? 'unknown',
    job_name: job.name,
    queue: job.queueName,
    attempt: job.attemptsMade + 1,
  };
  const data: unknown = job.data;
  if (data && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) {
      // botId → bot_id, chatDbId → chat_db_id, messageId → message_id, updateId → update_id
      if (/Id$/.test(key) && (typeof value === 'number' || typeof value === 'string')) {
        bindings[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = value;
      }
    }
  }
  return bindings;
}

/**
 * Runs a job handler so that every log line written inside it — through Nest's Logger in any
 * service it calls — carries the job's id, name, queue, attempt and payload ids (nestjs-pino
 * reads the logger from this async context, as it does for a request's id). Without a root
 * logger (unit tests, no LoggerModule) the handler just runs.
 */
export function runWithJobLogContext<T>(
  root: PinoRootLogger | undefined,
  job: JobIdentity,
  handler: () => Promise<T>,
): Promise<T> {
  if (!root) {
    return handler();
  }
  return storage.run(new Store(root.child(jobLogBindings(job))), handler);
}
