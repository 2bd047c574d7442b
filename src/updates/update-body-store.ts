import { Injectable } from '@nestjs/common';
import { RedisService } from '../redis/redis.service';
import { TelegramUpdate } from '../telegram/telegram-transport';

/** Long enough for any retry of the updates job; the update is worthless after that. */
const BODY_TTL_SECONDS = 3600;

/**
 * Where an update's body waits between intake (poller or webhook) and its `updates.process` job:
 * job payloads carry ids only, so the body (which holds member names and text) stays out of the
 * queue and expires on its own.
 */
@Injectable()
export class UpdateBodyStore {
  constructor(private readonly redis: RedisService) {}

  private key(botId: number, updateId: number): string {
    return this.redis.key('updates', 'body', botId, updateId);
  }

  async put(botId: number, update: TelegramUpdate): Promise<void> {
    await this.redis.client.set(
      this.key(botId, update.update_id),
      JSON.stringify(update),
      'EX',
      BODY_TTL_SECONDS,
    );
  }

  async get(botId: number, updateId: number): Promise<TelegramUpdate | null> {
    const text = await this.redis.client.get(this.key(botId, updateId));
    return text === null ? null : (JSON.parse(text) as TelegramUpdate);
  }
}
