import { Type } from '@nestjs/common';
import { SendProcessor } from '../engine/send/send.processor';
import { MaintenanceProcessor } from '../maintenance/maintenance.processor';
import { QueueName } from '../queue/queue-name';

/**
 * The processor class of each queue. Only WorkerModule imports this file: every instantiated
 * @Processor starts consuming, so the import graph decides which process works a queue.
 * Queues without an entry are not consumed yet (tick, turn and updates come with the turn pipeline).
 */
export const WORKER_PROCESSORS: Partial<Record<QueueName, Type>> = {
  [QueueName.Send]: SendProcessor,
  [QueueName.Maintenance]: MaintenanceProcessor,
};
