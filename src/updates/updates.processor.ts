import { Processor } from '@nestjs/bullmq';
import { JobHandlers, QueueProcessor } from '../queue/queue-processor';
import { QueueName } from '../queue/queue-name';
import { HumanMessageService } from './human-message.service';
import { UpdateBodyStore } from './update-body-store';

@Processor(QueueName.Updates, { concurrency: 10 })
export class UpdatesProcessor extends QueueProcessor<QueueName.Updates> {
  constructor(
    private readonly bodies: UpdateBodyStore,
    private readonly humans: HumanMessageService,
  ) {
    super();
  }

  protected readonly handlers: JobHandlers<QueueName.Updates> = {
    'updates.process': async (payload) => {
      const update = await this.bodies.get(payload.botId, payload.updateId);
      return update
        ? this.humans.handle(payload.botId, update)
        : { status: 'skipped', reason: 'update_expired' };
    },
  };
}
