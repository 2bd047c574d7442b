import { Inject, Injectable, Logger } from '@nestjs/common';
import { Telegram } from 'telegraf';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { redactSecrets } from '../../common/logging/redact';
import { BotTokenVerifier, TelegramBotIdentity } from './bot-token-verifier';

const GET_ME_TIMEOUT_MS = 10_000;

/** getMe through telegraf against TELEGRAM_API_ROOT. */
@Injectable()
export class TelegrafBotTokenVerifier implements BotTokenVerifier {
  private readonly logger = new Logger(TelegrafBotTokenVerifier.name);

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async getMe(token: string): Promise<TelegramBotIdentity> {
    const telegram = new Telegram(token, { apiRoot: this.config.telegram.apiRoot });
    try {
      // telegraf types the signal with the abort-controller polyfill; node-fetch accepts the native one.
      const options = {
        signal: AbortSignal.timeout(GET_ME_TIMEOUT_MS),
      } as unknown as Parameters<Telegram['callApi']>[2];
      const me = await telegram.callApi('getMe', {}, options);
      return { id: me.id, username: me.username, first_name: me.first_name };
    } catch (error) {
      const code = (error as { response?: { error_code?: unknown } }).response?.error_code;
      if (code === 401 || code === 404) {
        // 401: revoked or wrong token; 404: Telegram's answer to a token that is not one at all.
        throw DomainException.validation(
          [{ field: 'token', reason: 'token rejected by Telegram' }],
          'The bot token was rejected by Telegram (revoked or wrong); set a new token from @BotFather',
        );
      }
      this.logger.warn(
        `Telegram getMe failed: ${redactSecrets((error as Error).message ?? String(error))}`,
      );
      throw new DomainException(
        ErrorCode.ServiceUnavailable,
        typeof code === 'number'
          ? `Telegram answered getMe with error ${code}; try again later`
          : 'Telegram could not be reached; check the network or TELEGRAM_API_ROOT and try again',
      );
    }
  }
}
