import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { TelegrafTransport } from '../../../src/telegram/telegraf-transport';
import { TelegramError, TelegramErrorKind } from '../../../src/telegram/telegram-error';
import { FakeTelegramServer } from '../../support/fakes/fake-telegram-server';

const TOKEN = '333333333:AAHwebhookTokenForTests_abcdefghijklmno';
const quiet = { warn: () => undefined };

interface Received {
  secret: string | undefined;
  body: { update_id: number };
}

/** A webhook receiver that answers the scripted statuses in order, then 200. */
async function startReceiver(
  statuses: number[],
): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const secret = req.headers['x-telegram-bot-api-secret-token'];
      received.push({
        secret: typeof secret === 'string' ? secret : undefined,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as { update_id: number },
      });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
  };
}

describe('FakeTelegramServer', () => {
  let fake: FakeTelegramServer;
  let transport: TelegrafTransport;

  beforeEach(async () => {
    fake = await FakeTelegramServer.start();
    transport = new TelegrafTransport({ token: TOKEN, apiRoot: fake.apiRoot, logger: quiet });
  });

  afterEach(async () => {
    await fake.stop();
  });

  it('delivers updates to the webhook in order with the secret, redelivering after a failure', async () => {
    const receiver = await startReceiver([500]);
    try {
      await transport.setWebhook(receiver.url, 'hook_secret', ['message']);
      const first = fake.pushUpdate(TOKEN, { message: { message_id: 1, text: 'a' } });
      await fake.webhookIdle();
      // The receiver failed: the update stays pending and goes out again with the next one.
      const second = fake.pushUpdate(TOKEN, { message: { message_id: 2, text: 'b' } });
      await fake.webhookIdle();
      expect(receiver.received.map((r) => r.body.update_id)).toEqual([first, first, second]);
      expect(receiver.received.every((r) => r.secret === 'hook_secret')).toBe(true);
      expect(fake.webhookDeliveries.map((d) => d.status)).toEqual([500, 200, 200]);
    } finally {
      receiver.server.closeAllConnections();
      await new Promise((resolve) => receiver.server.close(resolve));
    }
  });

  it('answers 401 to every call of a revoked token', async () => {
    await expect(transport.getMe()).resolves.toMatchObject({ id: 333333333 });
    fake.revokeToken(TOKEN);
    for (const call of [() => transport.getMe(), () => transport.sendChatAction(-1, 'typing')]) {
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TelegramError);
      expect((error as TelegramError).kind).toBe(TelegramErrorKind.Unauthorized);
    }
  });

  it('scripts failures per token and method for the next N calls only', async () => {
    const other = new TelegrafTransport({
      token: '444444444:AAHanotherTokenForTests_abcdefghijklmno',
      apiRoot: fake.apiRoot,
      logger: quiet,
    });
    fake.failNext({
      token: TOKEN,
      method: 'sendChatAction',
      failure: { kind: 'server_error' },
      times: 2,
    });
    await expect(other.sendChatAction(-1, 'typing')).resolves.toBeUndefined();
    await expect(transport.getMe()).resolves.toMatchObject({ id: 333333333 });
    await expect(transport.sendChatAction(-1, 'typing')).rejects.toMatchObject({
      kind: TelegramErrorKind.Transient,
    });
    await expect(transport.sendChatAction(-1, 'typing')).rejects.toMatchObject({
      kind: TelegramErrorKind.Transient,
    });
    await expect(transport.sendChatAction(-1, 'typing')).resolves.toBeUndefined();
    expect(fake.requests.map((r) => [r.token.split(':')[0], r.method])).toEqual([
      ['444444444', 'sendChatAction'],
      ['333333333', 'getMe'],
      ['333333333', 'sendChatAction'],
      ['333333333', 'sendChatAction'],
      ['333333333', 'sendChatAction'],
    ]);
  });
});
