import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { publishDomainEvent } from '../events/domain-events';
import { RedisService } from '../redis/redis.service';
import { Bot, BotStatus } from './entities/bot.entity';

export const TOKEN_REFUSED_REASON = 'Telegram rejected the token (revoked or wrong)';

const logger = new Logger('TokenRefused');

/**
 * Telegram answered 401 to the bot's token, on a send or a poll: the bot goes to status error,
 * where it neither speaks nor polls until the operator sets a new token (BotWriter clears the
 * status then). A token that Telegram refused is not worth asking again every few seconds.
 */
export async function markTokenRefused(
  ds: DataSource,
  redis: RedisService,
  botId: number,
): Promise<void> {
  await ds
    .getRepository(Bot)
    .update(
      { id: botId },
      { status: BotStatus.Error, lastError: TOKEN_REFUSED_REASON, lastErrorAt: new Date() },
    );
  await publishDomainEvent(redis, {
    type: 'bot_status',
    bot_id: botId,
    status: BotStatus.Error,
    reason: TOKEN_REFUSED_REASON,
  }).catch((error: unknown) => logger.warn(`event bot_status not published: ${String(error)}`));
}
