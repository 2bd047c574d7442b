import { IsNull } from 'typeorm';
import { Chat } from '../../../src/chats/entities/chat.entity';
import { Message } from '../../../src/messages/entities/message.entity';
import { EngineE2e, SeededBot } from '../../support/engine-e2e';
import { humanMessage } from '../../support/humans-fixture';
import { WorkerProcess } from '../../support/worker-process';

jest.setTimeout(180_000);

/**
 * Long polling across real worker processes (SPEC 7.9): the offsets live in Redis, so a restarted
 * worker resumes where the last one stopped, and replicas share the bots through leases — no
 * update is lost, read twice or answered twice.
 */
describe('polling across worker restarts and replicas (worker processes, fake Telegram)', () => {
  let e2e: EngineE2e;
  let bots: SeededBot[];
  let chat: Chat;
  /** Telegram message id of each member message sent, in order. */
  const asked: number[] = [];

  beforeAll(async () => {
    e2e = await EngineE2e.start('humans_restart');
    await e2e.settings({
      simulation_active: true,
      typing_enabled: false,
      human_reply_enabled: true,
      max_msgs_per_min: 600,
    });
    bots = [await e2e.bot('Ayse'), await e2e.bot('Mehmet'), await e2e.bot('Zeynep')];
    chat = await e2e.chat(
      'Borsa sohbet',
      bots.map((b) => b.bot.id),
    );
  });

  afterAll(async () => {
    await e2e.stop();
  });

  /** Updates, answers and sends only: no scheduled chatter in the way. */
  const startWorker = (): Promise<WorkerProcess> =>
    e2e.startWorker({ WORKER_QUEUES: 'updates,turn,send' });
  const sends = () => e2e.telegram.requestsFor('sendMessage');
  const answeredIds = () =>
    sends().map((s) => (s.params.reply_parameters as { message_id: number }).message_id);

  /** A member's message in the group: every bot's update stream gets it. */
  function memberSays(text: string): number[] {
    const update = humanMessage(chat, text);
    asked.push((update.message as { message_id: number }).message_id);
    return bots.map((b) => e2e.telegram.pushUpdate(b.token, update));
  }

  async function allAnswered(): Promise<void> {
    await e2e.waitFor(`${asked.length} answers`, () => sends().length >= asked.length, 30_000);
    // Give a duplicate (a re-read update, a second poller) time to show up.
    await new Promise((r) => setTimeout(r, 1500));
    // Each message answered once (answers to messages sent together may go out in any order).
    expect([...answeredIds()].sort()).toEqual([...asked].sort());
    // And stored once, whichever bots and replicas saw it (messages sent together are stored in
    // any order: updates are handled concurrently).
    const stored = await e2e.ds
      .getRepository(Message)
      .findBy({ chatDbId: chat.id, botId: IsNull() });
    expect(stored.map((m) => m.telegramMessageId).sort()).toEqual([...asked].sort());
  }

  const polledByAll = (since: number) => () =>
    bots.every((b) =>
      e2e.telegram.requests
        .slice(since)
        .some((r) => r.token === b.token && r.method === 'getUpdates'),
    );

  it('a restarted worker resumes from the saved offsets: old updates are not answered again', async () => {
    const first = await startWorker();
    await e2e.waitFor('every bot polled', polledByAll(0));
    const [firstId] = memberSays('Arkadaşlar BIST bugün nereye gider?');
    await allAnswered();

    expect(await first.stop()).toBe(0);
    // Sent while no worker runs: Telegram keeps it for the next poller.
    memberSays('Dolar için ne diyorsunuz?');
    const since = e2e.telegram.requests.length;
    await startWorker();
    await e2e.waitFor('every bot polled again', polledByAll(since));
    for (const bot of bots) {
      const poll = e2e.telegram.requests
        .slice(since)
        .find((r) => r.token === bot.token && r.method === 'getUpdates');
      // The stored offset: the first update is confirmed, not read again.
      expect(Number(poll?.params.offset)).toBe(firstId + 1);
    }
    await allAnswered();
  });

  it('a second replica never polls a bot the first one polls, and takes over its bots without loss', async () => {
    const [running] = e2e.workers.slice(-1);
    const replica = await startWorker();
    memberSays('Kripto tarafında ne var?');
    memberSays('Altın yükselir mi sizce?');
    memberSays('THYAO için hedef nedir?');
    await allAnswered();

    // The first one leaves (releasing its leases); the replica goes on from the saved offsets.
    expect(await running.stop()).toBe(0);
    memberSays('Faiz kararı ne olur?');
    memberSays('Bugün hacim düşük değil mi?');
    await allAnswered();
    for (const { bot } of bots) {
      expect(replica.output).toContain(`polling updates of bot ${bot.id}`);
    }
    // Two pollers of one token at once would have made Telegram cut one off (409), whatever the
    // leases did meanwhile.
    for (const worker of e2e.workers) {
      expect(worker.output).not.toMatch(/getUpdates of bot \d+ failed/);
    }
  });

  it('a killed worker’s bots are taken over once its leases expire, and nothing sent meanwhile is lost', async () => {
    const [victim] = e2e.workers.filter((w) => w.child.exitCode === null);
    victim.kill();
    await victim.exited;
    // Sent while the dead worker's leases still block every other poller.
    memberSays('Hâlâ burada mısınız?');
    memberSays('BIST kapanışı nasıldı?');
    const successor = await startWorker();
    // The leases (30 s) run out; the successor takes the bots over from the saved offsets.
    await e2e.waitFor(
      'the bots taken over',
      () => bots.every(({ bot }) => successor.output.includes(`polling updates of bot ${bot.id}`)),
      60_000,
    );
    await allAnswered();
  });
});
