import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Bot, BotStatus } from '../../bots/entities/bot.entity';
import { DomainEventPublisher } from '../../events/domain-event-publisher.service';

export const TOKEN_REFUSED_REASON = 'Telegram rejected the token (revoked or wrong)';

/**
 * Telegram answered 401 to the bot's token, on a send or a poll: the bot goes to status error,
 * where it neither speaks nor polls until the operator sets a new token (BotWriter clears the
 * status then). A token that Telegram refused is not worth asking again every few seconds.
 */
@Injectable()
export class TokenRefusals {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly events: DomainEventPublisher,
  ) {}

  async mark(botId: number): Promise<void> {
    await this.ds
      .getRepository(Bot)
      .update(
        { id: botId },
        { status: BotStatus.Error, lastError: TOKEN_REFUSED_REASON, lastErrorAt: new Date() },
      );
    await this.events.publish({
      type: 'bot_status',
      bot_id: botId,
      status: BotStatus.Error,
      reason: TOKEN_REFUSED_REASON,
    });
  }
}
