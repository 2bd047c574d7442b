import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { DecryptionError, EncryptionService } from '../../crypto/encryption.service';
import { DomainEventPublisher } from '../../events/domain-event-publisher.service';
import { tokenAssociatedData } from '../bot-token.util';
import { toBotResponse } from '../bot-views';
import { VerifyBotResponse } from '../dto/verify-bot-response.dto';
import { Bot } from '../entities/bot.entity';
import { BOT_TOKEN_VERIFIER, BotTokenVerifier } from './bot-token-verifier';

/** POST /bots/{id}/verify: decrypts the token, asks Telegram, stores the username. */
@Injectable()
export class BotVerificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly encryption: EncryptionService,
    @Inject(BOT_TOKEN_VERIFIER) private readonly verifier: BotTokenVerifier,
    private readonly events: DomainEventPublisher,
  ) {}

  async verify(id: number): Promise<VerifyBotResponse> {
    const repo = this.dataSource.getRepository(Bot);
    const bot = await repo.findOneBy({ id });
    if (!bot) {
      throw DomainException.notFound('Bot', id);
    }
    if (!bot.tokenCiphertext) {
      throw DomainException.validation(
        [{ field: 'token', reason: 'the bot has no token' }],
        'This bot has no token (sandbox mode); set one with PATCH /bots/{id} first',
      );
    }
    let token: string;
    try {
      token = this.encryption.decrypt(bot.tokenCiphertext, tokenAssociatedData(bot.id));
    } catch (error) {
      if (!(error instanceof DecryptionError)) {
        throw error;
      }
      throw new DomainException(
        ErrorCode.Conflict,
        'The stored token cannot be decrypted (encryption key missing or changed); set the token again',
      );
    }
    const me = await this.verifier.getMe(token);
    await repo.update({ id }, { username: me.username ?? null });
    await this.events.publish({ type: 'bot_changed', bot_id: id });
    const fresh = await repo.findOneByOrFail({ id });
    return { verified: true, telegram: me, bot: toBotResponse(fresh) };
  }
}
