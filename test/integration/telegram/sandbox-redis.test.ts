import Redis from 'ioredis';
import { RedisSandboxMessageIdStore } from '../../../src/telegram/redis-sandbox-message-id-store';
import { SandboxTransport } from '../../../src/telegram/sandbox-transport';
import { TEST_REDIS_URL, uniqueSuffix } from '../../support/test-env';

describe('SandboxTransport with Redis message ids', () => {
  const prefix = `piyasa_t_sandbox_${uniqueSuffix()}`;
  const client = new Redis(TEST_REDIS_URL);
  const redis = { client, key: (...parts: (string | number)[]) => [prefix, ...parts].join(':') };

  afterAll(async () => {
    const keys = await client.keys(`${prefix}:*`);
    if (keys.length > 0) {
      await client.del(...keys);
    }
    await client.quit();
  });

  it('hands out unique increasing ids per chat across transports (replicas)', async () => {
    // Two "replicas", each with its own store instance over the same Redis.
    const replicaA = new SandboxTransport({
      botId: 1,
      botName: 'A',
      messageIds: new RedisSandboxMessageIdStore(redis),
    });
    const replicaB = new SandboxTransport({
      botId: 2,
      botName: 'B',
      messageIds: new RedisSandboxMessageIdStore(redis),
    });
    const options = { allowSendingWithoutReply: true, disableLinkPreview: true };
    const sent = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? replicaA : replicaB).sendMessage(-100, `m${i}`, options),
      ),
    );
    const ids = sent.map((m) => m.messageId).sort((a, b) => a - b);
    expect(ids).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    await expect(replicaA.sendMessage(-200, 'x', options)).resolves.toMatchObject({ messageId: 1 });
    expect(await client.get(`${prefix}:sandbox:message-id:-100`)).toBe('20');
  });
});
