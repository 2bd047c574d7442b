import { Type } from '@nestjs/common';
import { TickProcessor } from '../engine/scheduling/tick.processor';
import { SendProcessor } from '../engine/send/send.processor';
import { TurnProcessor } from '../engine/turn/turn.processor';
import { MaintenanceProcessor } from '../maintenance/maintenance.processor';
import { QueueName } from '../queue/queue-name';
import { UpdatesProcessor } from '../updates/updates.processor';

/**
 * The processor class of each queue. Only WorkerModule imports this file: every instantiated
 * @Processor starts consuming, so the import graph decides which process works a queue.
 */
export const WORKER_PROCESSORS: Partial<Record<QueueName, Type>> = {
  [QueueName.Tick]: TickProcessor,
  [QueueName.Turn]: TurnProcessor,
  [QueueName.Send]: SendProcessor,
  [QueueName.Maintenance]: MaintenanceProcessor,
  [QueueName.Updates]: UpdatesProcessor,
};
