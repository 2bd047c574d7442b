import { Injectable } from '@nestjs/common';
import { JobProducer } from '../queue/job-producer.service';
import { jobIds } from '../queue/job-definitions';
import { TelegramUpdate } from '../telegram/telegram-transport';
import { UpdateBodyStore } from './update-body-store';

/**
 * Hands received updates (from a poller or the webhook) to the `updates` queue. The job id is
 * (bot, update id), so an update read twice — a poller restarted before saving its offset,
 * Telegram redelivering a webhook — is processed once.
 */
@Injectable()
export class UpdateIntake {
  constructor(
    private readonly bodies: UpdateBodyStore,
    private readonly producer: JobProducer,
  ) {}

  async accept(botId: number, update: TelegramUpdate): Promise<void> {
    await this.bodies.put(botId, update);
    await this.producer.enqueue(
      'updates.process',
      { botId, updateId: update.update_id },
      { jobId: jobIds.update(botId, update.update_id), removeOnComplete: 1000, removeOnFail: 1000 },
    );
  }
}
