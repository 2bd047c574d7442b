import { TelegrafTransport } from '../../../src/telegram/telegraf-transport';
import { FakeTelegramServer } from '../../support/fakes/fake-telegram-server';
import {
  checkTelegramLimits,
  LimitCheckedRequest,
} from '../../support/fakes/telegram-limit-checker';

const TOKEN_A = '111111111:AAHlimitCheckerTokenA_abcdefghijklmnop';
const TOKEN_B = '222222222:AAHlimitCheckerTokenB_abcdefghijklmnop';
const plain = { allowSendingWithoutReply: true, disableLinkPreview: true };
const quiet = { warn: () => undefined };

const send = (at: number, token: string, chatId: number): LimitCheckedRequest => ({
  at,
  token,
  method: 'sendMessage',
  params: { chat_id: chatId, text: 'x' },
});

describe('Telegram limit checker', () => {
  let server: FakeTelegramServer;
  let botA: TelegrafTransport;
  let botB: TelegrafTransport;

  beforeEach(async () => {
    server = await FakeTelegramServer.start();
    botA = new TelegrafTransport({ token: TOKEN_A, apiRoot: server.apiRoot, logger: quiet });
    botB = new TelegrafTransport({ token: TOKEN_B, apiRoot: server.apiRoot, logger: quiet });
  });

  afterEach(async () => {
    await server.stop();
  });

  it('passes a compliant sequence sent over HTTP', async () => {
    // Five chats, two messages each (within the burst), typing in between: 15 requests per token.
    for (let chat = 1; chat <= 5; chat += 1) {
      await botA.sendChatAction(-chat, 'typing');
      await botA.sendMessage(-chat, 'a', plain);
      await botB.sendMessage(-chat, 'b', plain);
    }
    // Long polls do not count towards the request rate.
    await Promise.all(Array.from({ length: 40 }, () => botA.getUpdates(0, 0, ['message'])));
    expect(server.requests.length).toBe(55);
    expect(server.limitViolations()).toEqual([]);
  });

  it('detects a per-chat burst and a per-token flood sent over HTTP', async () => {
    await Promise.all([1, 2, 3].map((i) => botA.sendMessage(-100, `burst ${i}`, plain)));
    await Promise.all(Array.from({ length: 31 }, () => botB.sendChatAction(-200, 'typing')));
    const violations = server.limitViolations();
    expect(violations).toEqual([
      expect.objectContaining({
        rule: 'chat_messages_per_second',
        botId: '111111111',
        chatId: -100,
      }),
      expect.objectContaining({
        rule: 'bot_requests_per_second',
        botId: '222222222',
        method: 'sendChatAction',
      }),
    ]);
    // Reports identify bots by id only.
    expect(JSON.stringify(violations)).not.toContain('AAH');
  });

  it('detects more than 20 messages per minute by one bot in one group', () => {
    const t0 = 1_700_000_000_000;
    // 21 messages 2.5 s apart: within every per-second limit, over the per-group minute limit.
    const tooMany = Array.from({ length: 21 }, (_, i) => send(t0 + i * 2500, TOKEN_A, -300));
    expect(checkTelegramLimits(tooMany)).toEqual([
      expect.objectContaining({ rule: 'bot_group_messages_per_minute', at: t0 + 20 * 2500 }),
    ]);
    // The same pace shared by two bots, or 20 in a minute, is fine.
    const shared = tooMany.map((r, i) => ({ ...r, token: i % 2 === 0 ? TOKEN_A : TOKEN_B }));
    expect(checkTelegramLimits(shared)).toEqual([]);
    const spaced = Array.from({ length: 40 }, (_, i) => send(t0 + i * 3001, TOKEN_A, -300));
    expect(checkTelegramLimits(spaced)).toEqual([]);
  });
});
