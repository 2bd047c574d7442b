import { TelegramError, TelegramErrorKind } from './telegram-error';
import { TelegramLimitMonitor } from './telegram-limit-monitor';
import { InMemorySandboxMessageIdStore } from './sandbox-message-id-store';
import { SandboxTransport } from './sandbox-transport';

const plain = { allowSendingWithoutReply: true, disableLinkPreview: true };

async function failureOf(promise: Promise<unknown>): Promise<TelegramError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TelegramError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a TelegramError');
}

describe('SandboxTransport', () => {
  it('derives a fake bot user from the bot id and name', async () => {
    const me = await new SandboxTransport({ botId: 7, botName: 'Borsa Kurdu' }).getMe();
    expect(me).toEqual({
      id: 9_000_000_007,
      isBot: true,
      firstName: 'Borsa Kurdu',
      username: 'borsa_kurdu_7_bot',
    });
    const turkish = await new SandboxTransport({ botId: 12, botName: 'Şükrü Işık' }).getMe();
    expect(turkish.username).toBe('sukru_isik_12_bot');
  });

  it('numbers messages per chat, shared by the bots of the chat', async () => {
    const ids = new InMemorySandboxMessageIdStore();
    const a = new SandboxTransport({ botId: 1, botName: 'A', messageIds: ids });
    const b = new SandboxTransport({ botId: 2, botName: 'B', messageIds: ids });
    const first = await a.sendMessage(-100, 'selam', plain);
    const second = await b.sendMessage(-100, 'merhaba', {
      ...plain,
      replyToMessageId: first.messageId,
    });
    const elsewhere = await a.sendMessage(-200, 'selam', plain);
    expect([first.messageId, second.messageId, elsewhere.messageId]).toEqual([1, 2, 1]);
    expect(second.chatId).toBe(-100);
    expect(b.sent).toEqual([
      expect.objectContaining({ chatId: -100, messageId: 2, text: 'merhaba', replyToMessageId: 1 }),
    ]);
  });

  it('records reactions and their removal', async () => {
    const sandbox = new SandboxTransport({ botId: 1, botName: 'A' });
    await sandbox.setMessageReaction(-100, 5, '🔥');
    expect(sandbox.reactionOn(-100, 5)).toBe('🔥');
    await sandbox.setMessageReaction(-100, 5, null);
    expect(sandbox.reactionOn(-100, 5)).toBeNull();
    expect(sandbox.reactionOn(-100, 6)).toBeUndefined();
  });

  it('validates like Telegram: empty and too long texts', async () => {
    const sandbox = new SandboxTransport({ botId: 1, botName: 'A' });
    expect((await failureOf(sandbox.sendMessage(-100, '  ', plain))).kind).toBe(
      TelegramErrorKind.BadRequest,
    );
    expect((await failureOf(sandbox.sendMessage(-100, 'x'.repeat(4097), plain))).kind).toBe(
      TelegramErrorKind.MessageTooLong,
    );
    expect((await failureOf(sandbox.sendMessage('@nochat', 'x', plain))).kind).toBe(
      TelegramErrorKind.ChatNotFound,
    );
  });

  it('fails on demand for the next N calls of a method', async () => {
    const sandbox = new SandboxTransport({ botId: 1, botName: 'A' });
    sandbox.failNext('sendMessage', TelegramErrorKind.RateLimited, {
      times: 2,
      retryAfterSeconds: 4,
    });
    sandbox.failNext('sendChatAction', TelegramErrorKind.ChatMigrated, { newChatId: -1009 });
    const first = await failureOf(sandbox.sendMessage(-100, 'a', plain));
    expect(first.kind).toBe(TelegramErrorKind.RateLimited);
    expect(first.retryAfterSeconds).toBe(4);
    expect((await failureOf(sandbox.sendMessage(-100, 'a', plain))).kind).toBe(
      TelegramErrorKind.RateLimited,
    );
    await expect(sandbox.sendMessage(-100, 'a', plain)).resolves.toMatchObject({ messageId: 1 });
    const migrated = await failureOf(sandbox.sendChatAction(-100, 'typing'));
    expect(migrated.newChatId).toBe(-1009);
    sandbox.failNext('*', TelegramErrorKind.Ambiguous);
    expect((await failureOf(sandbox.getMe())).kind).toBe(TelegramErrorKind.Ambiguous);
  });

  it('answers 429 like Telegram when a chat gets more than its burst in a second', async () => {
    let now = 1_000_000;
    const limits = new TelegramLimitMonitor();
    const sandbox = new SandboxTransport({ botId: 1, botName: 'A', limits, now: () => now });
    await sandbox.sendMessage(-100, 'a', plain);
    await sandbox.sendMessage(-100, 'b', plain);
    const error = await failureOf(sandbox.sendMessage(-100, 'c', plain));
    expect(error.kind).toBe(TelegramErrorKind.RateLimited);
    now += 1000;
    await expect(sandbox.sendMessage(-100, 'c', plain)).resolves.toMatchObject({ messageId: 3 });
  });

  it('answers getUpdates like an idle long poll: empty, after the timeout', async () => {
    const waits: number[] = [];
    const sandbox = new SandboxTransport({
      botId: 1,
      botName: 'A',
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    await expect(sandbox.getUpdates(0, 25, ['message'])).resolves.toEqual([]);
    expect(waits).toEqual([25_000]);
  });

  it('ends an idle sandbox poll when the poller stops', async () => {
    const controller = new AbortController();
    const sandbox = new SandboxTransport({ botId: 1, botName: 'A' });
    const poll = sandbox.getUpdates(0, 30, ['message'], controller.signal);
    controller.abort();
    await expect(poll).rejects.toMatchObject({ kind: TelegramErrorKind.Transient });
  });

  it('reports every call and its outcome to the metrics hook', async () => {
    const calls: { method: string; outcome: string; sandbox: boolean }[] = [];
    const sandbox = new SandboxTransport({ botId: 1, botName: 'A', onCall: (e) => calls.push(e) });
    sandbox.failNext('sendMessage', TelegramErrorKind.Forbidden);
    await sandbox.sendMessage(-100, 'a', plain).catch(() => undefined);
    await sandbox.sendMessage(-100, 'a', plain);
    await sandbox.sendChatAction(-100, 'typing');
    expect(calls.map((c) => [c.method, c.outcome, c.sandbox])).toEqual([
      ['sendMessage', TelegramErrorKind.Forbidden, true],
      ['sendMessage', 'ok', true],
      ['sendChatAction', 'ok', true],
    ]);
  });
});
