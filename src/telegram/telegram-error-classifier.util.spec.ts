import { TelegramErrorKind } from './telegram-error';
import { classifyApiError, classifyNetworkFailure } from './telegram-error-classifier.util';

describe('classifyApiError', () => {
  it.each([
    [429, 'Too Many Requests: retry after 7', { retry_after: 7 }, TelegramErrorKind.RateLimited],
    [500, 'Internal Server Error', undefined, TelegramErrorKind.Transient],
    [502, 'Bad Gateway', undefined, TelegramErrorKind.Transient],
    [401, 'Unauthorized', undefined, TelegramErrorKind.Unauthorized],
    [403, 'Forbidden: bot was blocked by the user', undefined, TelegramErrorKind.Forbidden],
    [
      403,
      'Forbidden: bot is not a member of the supergroup chat',
      undefined,
      TelegramErrorKind.Forbidden,
    ],
    [
      400,
      'Bad Request: not enough rights to send text messages to the chat',
      undefined,
      TelegramErrorKind.Forbidden,
    ],
    [400, 'Bad Request: chat not found', undefined, TelegramErrorKind.ChatNotFound],
    [400, 'Bad Request: message is too long', undefined, TelegramErrorKind.MessageTooLong],
    [
      400,
      'Bad Request: group chat was upgraded to a supergroup chat',
      { migrate_to_chat_id: -1001234 },
      TelegramErrorKind.ChatMigrated,
    ],
    [400, 'Bad Request: message text is empty', undefined, TelegramErrorKind.BadRequest],
    [404, 'Not Found', undefined, TelegramErrorKind.BadRequest],
    [
      409,
      "Conflict: can't use getUpdates method while webhook is active",
      undefined,
      TelegramErrorKind.Conflict,
    ],
  ])('%i %s → %s', (status, description, parameters, kind) => {
    const error = classifyApiError('sendMessage', { error_code: status, description, parameters });
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.method).toBe('sendMessage');
    expect(error.message).toContain(description);
  });

  it('carries retry_after and the new chat id', () => {
    expect(
      classifyApiError('sendMessage', {
        error_code: 429,
        description: 'Too Many Requests: retry after 7',
        parameters: { retry_after: 7 },
      }).retryAfterSeconds,
    ).toBe(7);
    expect(
      classifyApiError('sendMessage', {
        error_code: 400,
        description: 'Bad Request: group chat was upgraded to a supergroup chat',
        parameters: { migrate_to_chat_id: -1001234 },
      }).newChatId,
    ).toBe(-1001234);
  });

  it('pauses at least a second on a 429 without retry_after', () => {
    const error = classifyApiError('getMe', { error_code: 429, description: 'Too Many Requests' });
    expect(error.retryAfterSeconds).toBe(1);
    expect(error.retryable).toBe(true);
  });
});

describe('classifyNetworkFailure', () => {
  it('treats a refused connection as transient even for a send (never delivered)', () => {
    const error = classifyNetworkFailure('sendMessage', {
      code: 'ECONNREFUSED',
      timedOut: false,
      reason: 'connect ECONNREFUSED',
    });
    expect(error.kind).toBe(TelegramErrorKind.Transient);
  });

  it.each([
    [{ code: 'ECONNRESET', timedOut: false, reason: 'socket hang up' }],
    [{ timedOut: true, reason: 'aborted' }],
    [{ code: 'ECONNREFUSED', timedOut: true, reason: 'aborted' }],
  ])('treats an unclear send outcome as ambiguous: %j', (failure) => {
    const error = classifyNetworkFailure('sendMessage', failure);
    expect(error.kind).toBe(TelegramErrorKind.Ambiguous);
    expect(error.retryable).toBe(false);
  });

  it.each(['getMe', 'getUpdates', 'sendChatAction', 'setMessageReaction'])(
    'treats an unclear outcome of idempotent %s as transient',
    (method) => {
      const error = classifyNetworkFailure(method, {
        code: 'ECONNRESET',
        timedOut: true,
        reason: 'x',
      });
      expect(error.kind).toBe(TelegramErrorKind.Transient);
    },
  );
});
