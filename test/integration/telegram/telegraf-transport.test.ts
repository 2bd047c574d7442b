import { TelegrafTransport } from '../../../src/telegram/telegraf-transport';
import { TelegramError, TelegramErrorKind } from '../../../src/telegram/telegram-error';
import { TelegramCallEvent } from '../../../src/telegram/telegram-transport';
import { FakeTelegramFailure, FakeTelegramServer } from '../../support/fakes/fake-telegram-server';

const TOKEN = '123456789:AAHfakeTokenForTestsOnly_abcdefghijklm';
const SECRET_PART = TOKEN.split(':')[1];
const plain = { allowSendingWithoutReply: true, disableLinkPreview: true };

async function failureOf(promise: Promise<unknown>): Promise<TelegramError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TelegramError) {
      return error;
    }
    throw new Error(`expected a TelegramError, got ${String(error)}`);
  }
  throw new Error('expected the call to fail');
}

describe('TelegrafTransport against the fake Bot API', () => {
  let server: FakeTelegramServer;
  let transport: TelegrafTransport;
  /** Same bot with a short request timeout, for the hang scenarios. */
  let impatient: TelegrafTransport;
  const logged: string[] = [];
  const calls: TelegramCallEvent[] = [];
  /** Everything a failure exposed: messages, stacks, serialised errors, log lines. */
  const exposed: string[] = [];

  beforeAll(async () => {
    server = await FakeTelegramServer.start();
    transport = new TelegrafTransport({
      token: TOKEN,
      apiRoot: server.apiRoot,
      requestTimeoutMs: 5000,
      logger: { warn: (line) => logged.push(line) },
      onCall: (event) => calls.push(event),
    });
    impatient = new TelegrafTransport({
      token: TOKEN,
      apiRoot: server.apiRoot,
      requestTimeoutMs: 500,
      logger: { warn: (line) => logged.push(line) },
    });
  });

  afterAll(async () => {
    await server.stop();
  });

  async function expectKind(
    failure: FakeTelegramFailure,
    method: string,
    call: () => Promise<unknown>,
    kind: TelegramErrorKind,
  ): Promise<TelegramError> {
    server.failNext({ token: TOKEN, method, failure });
    const error = await failureOf(call());
    exposed.push(
      error.message,
      error.stack ?? '',
      JSON.stringify(error),
      String(error.description),
    );
    expect(error.kind).toBe(kind);
    expect(error.method).toBe(method);
    return error;
  }

  it('calls getMe and maps the bot user', async () => {
    server.registerBot(TOKEN, { username: 'borsa_bot', firstName: 'Borsa' });
    await expect(transport.getMe()).resolves.toEqual({
      id: 123456789,
      isBot: true,
      firstName: 'Borsa',
      username: 'borsa_bot',
    });
  });

  it('sends with reply_parameters and link previews off', async () => {
    const first = await transport.sendMessage(-1001, 'THYAO güçlü https://example.com', plain);
    const reply = await transport.sendMessage(-1001, 'katılıyorum', {
      ...plain,
      replyToMessageId: first.messageId,
    });
    expect([first.messageId, reply.messageId]).toEqual([1, 2]);
    expect(reply.chatId).toBe(-1001);
    const [sentFirst, sentReply] = server.requestsFor('sendMessage', TOKEN).slice(-2);
    expect(sentFirst.params).toEqual({
      chat_id: -1001,
      text: 'THYAO güçlü https://example.com',
      link_preview_options: { is_disabled: true },
    });
    expect(sentReply.params.reply_parameters).toEqual({
      message_id: 1,
      allow_sending_without_reply: true,
    });
  });

  it('reports every call to the metrics hook', () => {
    expect(calls.map((c) => [c.method, c.outcome])).toEqual([
      ['getMe', 'ok'],
      ['sendMessage', 'ok'],
      ['sendMessage', 'ok'],
    ]);
  });

  it('sends typing and reactions', async () => {
    await transport.sendChatAction(-1001, 'typing');
    await transport.setMessageReaction(-1001, 1, '🔥');
    await transport.setMessageReaction(-1001, 2, null);
    expect(server.requestsFor('sendChatAction').at(-1)?.params).toEqual({
      chat_id: -1001,
      action: 'typing',
    });
    expect(server.reactions.get('-1001:1')).toEqual([{ type: 'emoji', emoji: '🔥' }]);
    expect(server.reactions.get('-1001:2')).toEqual([]);
  });

  it('long-polls updates and honours offsets', async () => {
    const first = server.pushUpdate(TOKEN, { message: { message_id: 10, text: 'selam' } });
    const batch = await transport.getUpdates(0, 1, ['message']);
    expect(batch.map((u) => u.update_id)).toEqual([first]);
    expect(server.requestsFor('getUpdates').at(-1)?.params).toEqual({
      offset: 0,
      timeout: 1,
      allowed_updates: ['message'],
    });
    // Not confirmed yet: the same update again.
    expect((await transport.getUpdates(first, 0, ['message'])).map((u) => u.update_id)).toEqual([
      first,
    ]);
    // A waiting poll is answered as soon as an update arrives.
    const waiting = transport.getUpdates(first + 1, 5, ['message']);
    setTimeout(() => server.pushUpdate(TOKEN, { message: { message_id: 11, text: 'naber' } }), 100);
    const next = await waiting;
    expect(next.map((u) => u.update_id)).toEqual([first + 1]);
    // Confirmed updates are gone; an empty poll ends after its timeout.
    await expect(transport.getUpdates(first + 2, 1, ['message'])).resolves.toEqual([]);
  });

  it('terminates the first of two pollers of one token with a conflict, like Telegram', async () => {
    const first = failureOf(transport.getUpdates(1000, 5, ['message']));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = transport.getUpdates(1000, 0, ['message']);
    expect((await first).kind).toBe(TelegramErrorKind.Conflict);
    await expect(second).resolves.toEqual([]);
  });

  it('ends a long poll early when the poller is stopped', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const poll = failureOf(transport.getUpdates(5000, 10, ['message'], controller.signal));
    setTimeout(() => controller.abort(), 100);
    const error = await poll;
    expect(error.kind).toBe(TelegramErrorKind.Transient);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('sets and deletes the webhook with its secret token; getUpdates conflicts meanwhile', async () => {
    await transport.setWebhook('https://piyasa.example/telegram/webhook/1', 'sekret_123', [
      'message',
    ]);
    expect(server.webhooks.get(TOKEN)).toEqual({
      url: 'https://piyasa.example/telegram/webhook/1',
      secretToken: 'sekret_123',
    });
    const conflict = await failureOf(transport.getUpdates(0, 0, ['message']));
    expect(conflict.kind).toBe(TelegramErrorKind.Conflict);
    exposed.push(conflict.message);
    await transport.deleteWebhook({ dropPendingUpdates: true });
    expect(server.webhooks.has(TOKEN)).toBe(false);
  });

  it('classifies 429 with retry_after', async () => {
    const error = await expectKind(
      { kind: 'rate_limited', retryAfter: 17 },
      'sendMessage',
      () => transport.sendMessage(-1001, 'x', plain),
      TelegramErrorKind.RateLimited,
    );
    expect(error.retryAfterSeconds).toBe(17);
    expect(error.status).toBe(429);
    expect(calls.at(-1)).toEqual({
      method: 'sendMessage',
      outcome: TelegramErrorKind.RateLimited,
      status: 429,
      retryAfterSeconds: 17,
      latencyMs: expect.any(Number),
      sandbox: false,
    });
  });

  it('classifies 5xx as transient', async () => {
    await expectKind(
      { kind: 'server_error', status: 502 },
      'sendMessage',
      () => transport.sendMessage(-1001, 'x', plain),
      TelegramErrorKind.Transient,
    );
  });

  it('classifies 403, 401, chat not found and other 400s', async () => {
    await expectKind(
      { kind: 'forbidden' },
      'sendMessage',
      () => transport.sendMessage(-1001, 'x', plain),
      TelegramErrorKind.Forbidden,
    );
    await expectKind(
      { kind: 'unauthorized' },
      'getMe',
      () => transport.getMe(),
      TelegramErrorKind.Unauthorized,
    );
    await expectKind(
      { kind: 'chat_not_found' },
      'sendChatAction',
      () => transport.sendChatAction(-5, 'typing'),
      TelegramErrorKind.ChatNotFound,
    );
    await expectKind(
      { kind: 'bad_request', description: 'Bad Request: REACTION_INVALID' },
      'setMessageReaction',
      () => transport.setMessageReaction(-1001, 1, '🦖'),
      TelegramErrorKind.BadRequest,
    );
  });

  it('classifies a migrated group with the new chat id', async () => {
    const error = await expectKind(
      { kind: 'migrated', migrateToChatId: -1009876543210 },
      'sendMessage',
      () => transport.sendMessage(-42, 'x', plain),
      TelegramErrorKind.ChatMigrated,
    );
    expect(error.newChatId).toBe(-1009876543210);
  });

  it('classifies a too long message from the server answer', async () => {
    const error = await failureOf(transport.sendMessage(-1001, 'ş'.repeat(4097), plain));
    expect(error.kind).toBe(TelegramErrorKind.MessageTooLong);
  });

  it('marks a send that timed out after delivery as ambiguous (and it was delivered)', async () => {
    const before = server.messages.length;
    const started = Date.now();
    const error = await expectKind(
      { kind: 'process_then_hang' },
      'sendMessage',
      () => impatient.sendMessage(-1001, 'teslim edildi mi?', plain),
      TelegramErrorKind.Ambiguous,
    );
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error.retryable).toBe(false);
    expect(server.messages.length).toBe(before + 1);
  });

  it('marks a reset connection on a send as ambiguous, on a read as transient', async () => {
    await expectKind(
      { kind: 'process_then_reset' },
      'sendMessage',
      () => transport.sendMessage(-1001, 'x', plain),
      TelegramErrorKind.Ambiguous,
    );
    await expectKind(
      { kind: 'reset' },
      'getMe',
      () => transport.getMe(),
      TelegramErrorKind.Transient,
    );
  });

  it('ends a hung read with its timeout as transient', async () => {
    await expectKind(
      { kind: 'hang' },
      'getMe',
      () => impatient.getMe(),
      TelegramErrorKind.Transient,
    );
    await expectKind(
      { kind: 'hang' },
      'sendChatAction',
      () => impatient.sendChatAction(-1001, 'typing'),
      TelegramErrorKind.Transient,
    );
  });

  it('answers a slow but timely request normally', async () => {
    server.failNext({ token: TOKEN, method: 'getMe', failure: { kind: 'delay', ms: 100 } });
    await expect(impatient.getMe()).resolves.toMatchObject({ id: 123456789 });
  });

  it('treats a refused connection as transient even for a send (never delivered)', async () => {
    const closed = await FakeTelegramServer.start();
    const apiRoot = closed.apiRoot;
    await closed.stop();
    const offline = new TelegrafTransport({
      token: TOKEN,
      apiRoot,
      requestTimeoutMs: 400,
      logger: { warn: (line) => logged.push(line) },
    });
    const error = await failureOf(offline.sendMessage(-1001, 'x', plain));
    exposed.push(error.message, error.stack ?? '');
    expect(error.kind).toBe(TelegramErrorKind.Transient);
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('never exposes the token in errors or logs', () => {
    expect(exposed.length).toBeGreaterThan(10);
    expect(logged.length).toBeGreaterThan(10);
    for (const text of [...exposed, ...logged]) {
      expect(text).not.toContain(SECRET_PART);
    }
    // The network failures did carry the URL: it is there, redacted.
    expect([...exposed, ...logged].some((text) => text.includes('[REDACTED]'))).toBe(true);
  });
});
