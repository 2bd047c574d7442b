import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Bot } from '../bots/entities/bot.entity';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code';
import { BotTransports } from '../engine/send/bot-transports.service';
import { RedisService } from '../redis/redis.service';
import { TelegramError, TelegramErrorKind } from '../telegram/telegram-error';
import { TelegramUpdate } from '../telegram/telegram-transport';
import { UpdateIntake } from './update-intake.service';
import { hashWebhookSecret, newWebhookSecret, webhookSecretMatches } from './webhook-secret.util';

/** Deliveries accepted per bot per minute; Telegram itself sends far fewer. */
const DELIVERIES_PER_MINUTE = 600;

/**
 * Webhook mode (SPEC 7.9): registration sets a fresh secret with Telegram and stores only its
 * hash (the bot then stops being polled); each delivery must present the secret, is rate limited
 * per bot and is handed to the updates queue so Telegram gets its 200 at once. Unregistering
 * deletes the webhook at Telegram first (pending updates kept) and then clears the hash, so the
 * pollers take the bot back and read what Telegram held meanwhile.
 */
@Injectable()
export class WebhookService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly transports: BotTransports,
    private readonly intake: UpdateIntake,
    private readonly redis: RedisService,
  ) {}

  async register(botId: number, baseUrl: string): Promise<{ url: string }> {
    const bot = await this.telegramBot(botId);
    const secret = newWebhookSecret();
    const url = `${baseUrl.replace(/\/+$/, '')}/webhook/telegram/${bot.id}`;
    // The hash first: from here on a poller refused for the webhook leaves it alone (BotPoller).
    const repo = this.ds.getRepository(Bot);
    await repo.update({ id: bot.id }, { webhookSecretHash: hashWebhookSecret(secret) });
    try {
      await this.transports.forBot(bot).setWebhook(url, secret, ['message']);
    } catch (error) {
      await repo.update({ id: bot.id }, { webhookSecretHash: bot.webhookSecretHash });
      throw telegramRefusal('setWebhook', error);
    }
    return { url };
  }

  async unregister(botId: number): Promise<{ mode: 'polling' }> {
    const bot = await this.telegramBot(botId);
    await this.transports
      .forBot(bot)
      .deleteWebhook({ dropPendingUpdates: false })
      .catch((error: unknown) => {
        throw telegramRefusal('deleteWebhook', error);
      });
    await this.ds.getRepository(Bot).update({ id: bot.id }, { webhookSecretHash: null });
    return { mode: 'polling' };
  }

  private async telegramBot(botId: number): Promise<Bot> {
    const bot = await this.ds.getRepository(Bot).findOneBy({ id: botId });
    if (!bot) {
      throw DomainException.notFound('bot', botId);
    }
    if (!bot.tokenCiphertext) {
      throw new DomainException(ErrorCode.Conflict, 'A sandbox bot has no Telegram webhook');
    }
    return bot;
  }

  async receive(botId: number, secret: string | undefined, update: unknown): Promise<void> {
    const bot = await this.ds.getRepository(Bot).findOne({
      select: { id: true, webhookSecretHash: true },
      where: { id: botId },
    });
    // One answer for unknown bot, no webhook and wrong secret: nothing to probe.
    if (!bot?.webhookSecretHash || !webhookSecretMatches(secret, bot.webhookSecretHash)) {
      throw new DomainException(ErrorCode.Unauthorized, 'Invalid webhook secret');
    }
    await this.rateLimit(botId);
    if (!isUpdate(update)) {
      throw new DomainException(ErrorCode.BadRequest, 'Not a Telegram update');
    }
    await this.intake.accept(botId, update);
  }

  private async rateLimit(botId: number): Promise<void> {
    const key = this.redis.key('updates', 'webhook-rate', botId, Math.floor(Date.now() / 60_000));
    const count = await this.redis.client.incr(key);
    if (count === 1) {
      await this.redis.client.expire(key, 120);
    }
    if (count > DELIVERIES_PER_MINUTE) {
      throw new DomainException(ErrorCode.RateLimited, 'Too many webhook deliveries', [], {
        'Retry-After': '60',
      });
    }
  }
}

/** Telegram's answer to a mode switch, as the operator can act on it (never a bare 500). */
function telegramRefusal(method: string, error: unknown): Error {
  if (!(error instanceof TelegramError)) {
    return error instanceof Error ? error : new Error(String(error));
  }
  const reason = error.description ?? error.message;
  if (error.kind === TelegramErrorKind.BadRequest) {
    // e.g. "bad webhook: An HTTPS URL must be provided for webhook".
    return DomainException.validation(
      [{ field: 'base_url', reason }],
      `Telegram refused ${method}: ${reason}`,
    );
  }
  if (error.kind === TelegramErrorKind.Unauthorized) {
    return DomainException.conflict(
      'Telegram rejected the bot token (revoked or wrong); set a new token from @BotFather',
    );
  }
  return new DomainException(
    ErrorCode.ServiceUnavailable,
    `Telegram could not be asked to ${method} (${error.kind}); try again later`,
  );
}

function isUpdate(body: unknown): body is TelegramUpdate {
  return (
    typeof body === 'object' &&
    body !== null &&
    Number.isSafeInteger((body as { update_id?: unknown }).update_id)
  );
}
