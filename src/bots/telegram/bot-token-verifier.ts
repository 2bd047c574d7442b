/** Who Telegram says a token belongs to. */
export interface TelegramBotIdentity {
  id: number;
  username: string;
  first_name: string;
}

/**
 * Asks Telegram whom a token belongs to. Implementations throw DomainException: bad_request when
 * Telegram rejects the token, service_unavailable when Telegram cannot be reached. Neither the
 * token nor a URL containing it may appear in an error message.
 */
export interface BotTokenVerifier {
  getMe(token: string): Promise<TelegramBotIdentity>;
}

export const BOT_TOKEN_VERIFIER = Symbol('BOT_TOKEN_VERIFIER');
