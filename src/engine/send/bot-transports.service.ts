import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Bot } from '../../bots/entities/bot.entity';
import { AssociatedData } from '../../crypto/associated-data';
import { EncryptionService } from '../../crypto/encryption.service';
import { RedisService } from '../../redis/redis.service';
import { RedisSandboxMessageIdStore } from '../../telegram/redis-sandbox-message-id-store';
import { SandboxTransport } from '../../telegram/sandbox-transport';
import { TelegrafTransport } from '../../telegram/telegraf-transport';
import { TelegramTransport } from '../../telegram/telegram-transport';

/**
 * The transport of each bot: the sandbox for a bot without a token (demo bots), telegraf against
 * TELEGRAM_API_ROOT otherwise. Transports are cached per bot and token, so a token change made
 * through the API takes effect at the next message without holding decrypted tokens longer than
 * the cache entry.
 */
@Injectable()
export class BotTransports {
  private readonly logger = new Logger(BotTransports.name);
  private readonly cache = new Map<number, { key: string; transport: TelegramTransport }>();
  private readonly sandboxIds: RedisSandboxMessageIdStore;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly encryption: EncryptionService,
    private readonly redis: RedisService,
  ) {
    this.sandboxIds = new RedisSandboxMessageIdStore(this.redis);
  }

  forBot(
    bot: Pick<Bot, 'id' | 'name' | 'tokenCiphertext' | 'tokenFingerprint'>,
  ): TelegramTransport {
    const key = bot.tokenFingerprint ?? 'sandbox';
    const cached = this.cache.get(bot.id);
    if (cached?.key === key) {
      return cached.transport;
    }
    const transport: TelegramTransport = bot.tokenCiphertext
      ? new TelegrafTransport({
          token: this.encryption.decrypt(bot.tokenCiphertext, AssociatedData.botToken(bot.id)),
          apiRoot: this.config.telegram.apiRoot,
          requestTimeoutMs: this.config.telegram.requestTimeoutMs,
          logger: this.logger,
        })
      : new SandboxTransport({ botId: bot.id, botName: bot.name, messageIds: this.sandboxIds });
    this.cache.set(bot.id, { key, transport });
    return transport;
  }

  isSandbox(bot: Pick<Bot, 'tokenCiphertext'>): boolean {
    return !bot.tokenCiphertext;
  }
}
