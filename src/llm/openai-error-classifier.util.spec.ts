import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { LlmErrorKind } from './llm-error';
import { classifyOpenAiError } from './openai-error-classifier.util';

const context = {
  model: 'gpt-4o-mini',
  timedOut: false,
  cancelled: false,
  now: Date.parse('2026-01-01T00:00:00Z'),
  redact: (text: string) => text.replace('sk-secret', '[REDACTED]'),
};

function apiError(
  status: number,
  headers: Record<string, string> = {},
  message = 'boom',
): APIError {
  return APIError.generate(status, { error: { message } }, undefined, new Headers(headers));
}

describe('classifyOpenAiError', () => {
  it.each([
    [429, LlmErrorKind.RateLimited],
    [500, LlmErrorKind.ServerError],
    [503, LlmErrorKind.ServerError],
    [409, LlmErrorKind.ServerError],
    [408, LlmErrorKind.Timeout],
    [401, LlmErrorKind.Auth],
    [403, LlmErrorKind.Auth],
    [400, LlmErrorKind.BadRequest],
    [404, LlmErrorKind.BadRequest],
    [422, LlmErrorKind.BadRequest],
  ])('HTTP %i → %s', (status, kind) => {
    const error = classifyOpenAiError(apiError(status), context);
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.model).toBe('gpt-4o-mini');
  });

  it('reads Retry-After of a 429', () => {
    expect(classifyOpenAiError(apiError(429, { 'retry-after': '3' }), context).retryAfterMs).toBe(
      3000,
    );
    expect(classifyOpenAiError(apiError(429), context).retryAfterMs).toBeUndefined();
  });

  it('classifies timeouts, aborts and connection failures', () => {
    expect(classifyOpenAiError(new APIConnectionTimeoutError(), context).kind).toBe(
      LlmErrorKind.Timeout,
    );
    expect(classifyOpenAiError(new APIUserAbortError(), { ...context, timedOut: true }).kind).toBe(
      LlmErrorKind.Timeout,
    );
    const cancelled = classifyOpenAiError(new APIUserAbortError(), { ...context, cancelled: true });
    expect(cancelled.kind).toBe(LlmErrorKind.Timeout);
    expect(cancelled.message).toContain('cancelled');
    expect(
      classifyOpenAiError(new APIConnectionError({ message: 'ECONNREFUSED' }), context).kind,
    ).toBe(LlmErrorKind.ServerError);
    expect(classifyOpenAiError(new TypeError('bad json'), context).kind).toBe(
      LlmErrorKind.ServerError,
    );
  });

  it('redacts the key from the message', () => {
    const error = classifyOpenAiError(
      apiError(401, {}, 'Incorrect API key provided: sk-secret'),
      context,
    );
    expect(error.message).not.toContain('sk-secret');
    expect(error.message).toContain('[REDACTED]');
  });
});
