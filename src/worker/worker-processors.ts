import { Type } from '@nestjs/common';
import { MaintenanceProcessor } from '../maintenance/maintenance.processor';
import { QueueName } from '../queue/queue-name';

/**
 * The processor class of each queue. Only WorkerModule imports this file: every instantiated
 * @Processor starts consuming, so the import graph decides which process works a queue.
 * Queues without an entry are not consumed yet (the engine adds tick, turn, send and updates).
 */
export const WORKER_PROCESSORS: Partial<Record<QueueName, Type>> = {
  [QueueName.Maintenance]: MaintenanceProcessor,
};
