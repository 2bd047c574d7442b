import { Processor } from '@nestjs/bullmq';
import { JobHandlers, QueueProcessor } from '../queue/queue-processor';
import { QueueName } from '../queue/queue-name';
import { WORKER_ID } from '../worker/worker-identity';

@Processor(QueueName.Maintenance, { concurrency: 2 })
export class MaintenanceProcessor extends QueueProcessor<QueueName.Maintenance> {
  protected readonly handlers: JobHandlers<QueueName.Maintenance> = {
    'maintenance.probe': async (payload) => ({
      status: 'done',
      worker: WORKER_ID,
      requested_at: payload.requestedAt,
    }),
  };
}
