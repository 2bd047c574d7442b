import { Chat } from '../../src/chats/entities/chat.entity';
import { Message, MessageState } from '../../src/messages/entities/message.entity';
import { QueueName } from '../../src/queue/queue-name';
import { FAST_SETTINGS, SeededBot } from '../support/engine-e2e';
import { WorkerProcess } from '../support/worker-process';
import { CHAOS_LONG, ChaosSystem } from './support/chaos-system';

jest.setTimeout(120_000);

const ROUNDS = CHAOS_LONG ? 5 : 1;
/** How a turn ends once it has run: its message sent, or its draft dropped (skipped). */
const SPOKEN = [MessageState.Sent, MessageState.Skipped];

/**
 * A worker killed with SIGKILL (no shutdown hook runs) at the three points where a crash could
 * lose or double a message, with two workers running: in the middle of a turn (the LLM call
 * hangs), before the Telegram call (typing hangs: the row is still `planned`), and after it (the
 * fake Telegram accepts the message and never answers: the row is `sending`). A fresh worker
 * replaces each one killed. The ledger invariants are checked at the end.
 */
describe('chaos: worker SIGKILL mid-turn, before and after the Telegram call', () => {
  let sys: ChaosSystem;
  const bots: SeededBot[] = [];
  let chat: Chat;

  beforeAll(async () => {
    sys = await ChaosSystem.start('chaos_kill');
    await sys.e2e.settings({
      ...FAST_SETTINGS,
      short_reaction_probability: 0,
      // Short typing, so that a send spends a moment in the `planned` state with its job active.
      typing_enabled: true,
      typing_speed_wpm: { min: 20, max: 30 },
    });
    bots.push(await sys.e2e.bot('Kaan'), await sys.e2e.bot('Ece'));
    // One chat: at most one turn in flight, so the turn that hangs is the one the test finds.
    chat = await sys.e2e.chat('kill', [bots[0].bot.id, bots[1].bot.id]);
    await Promise.all([sys.startWorker(), sys.startWorker()]);
    await sys.e2e.waitFor(
      'the first message',
      async () => (await sys.e2e.sentCount()) >= 1,
      120_000,
    );
  }, 240_000);

  afterAll(async () => {
    await sys?.stop();
  }, 60_000);

  /** Kills the worker and starts its replacement (awaited by the caller when it matters). */
  function crash(victim: WorkerProcess): Promise<WorkerProcess> {
    victim.kill();
    return sys.startWorker();
  }

  const acceptedTexts = (text: string) => sys.e2e.telegram.messages.filter((m) => m.text === text);

  for (let round = 1; round <= ROUNDS; round++) {
    describe(`round ${round}`, () => {
      it('mid-turn: the turn runs again on the other worker and writes one row', async () => {
        const { llm } = sys.e2e;
        const before = llm.requests.length;
        llm.script({ kind: 'hang' });
        await sys.e2e.waitFor('the hung LLM call', () => llm.requests.length > before);
        // The hung call keeps its turn active; any other turn of this chat finishes in moments.
        let turnId = '';
        await sys.e2e.waitFor('the hung turn job', async () => {
          const active = await sys.queue(QueueName.Turn).getActive();
          turnId = active[0]?.id ?? '';
          return active.length === 1;
        });
        const victim = await sys.waitForHolder(QueueName.Turn, turnId);
        const killedAt = Date.now();
        const replacement = crash(victim);

        // The re-run speaks (sent), or decides not to (skipped, e.g. a near-duplicate draft).
        await sys.e2e.waitFor(
          `turn ${turnId} to finish after the crash`,
          async () => (await sys.rowsOfTurn(turnId)).some((m) => SPOKEN.includes(m.state)),
          60_000,
        );
        sys.note(`round ${round}, killed mid-turn → the turn done`, `${Date.now() - killedAt} ms`);
        await replacement;
        const rows = await sys.rowsOfTurn(turnId);
        expect(rows).toHaveLength(1);
        expect(acceptedTexts(rows[0].text)).toHaveLength(
          rows[0].state === MessageState.Sent ? 1 : 0,
        );
      });

      it('before the Telegram call: the planned message goes out once, after the crash', async () => {
        const { telegram } = sys.e2e;
        const before = telegram.requests.length;
        telegram.failNext({ method: 'sendChatAction', failure: { kind: 'hang' } });
        await sys.e2e.waitFor('the hung typing call', () =>
          telegram.requests.slice(before).some((r) => r.method === 'sendChatAction'),
        );
        const hung = telegram.requests.slice(before).find((r) => r.method === 'sendChatAction');
        const typist = bots.find((b) => b.token === hung?.token) as SeededBot;
        // The typist's planned row whose send job is running: the one typing.
        let row: Message | undefined;
        let victim: WorkerProcess | undefined;
        await sys.e2e.waitFor('the typing send job', async () => {
          for (const m of await sys.e2e.messages({
            botId: typist.bot.id,
            state: MessageState.Planned,
          })) {
            victim = await sys.holderOf(QueueName.Send, sys.sendJobId(m.id));
            if (victim) {
              row = m;
              return true;
            }
          }
          return false;
        });
        const killedAt = Date.now();
        const replacement = crash(victim as WorkerProcess);

        const sent = await sys.waitForState((row as Message).id, [MessageState.Sent]);
        sys.note(`round ${round}, killed typing → sent`, `${Date.now() - killedAt} ms`);
        await replacement;
        const accepted = acceptedTexts(sent.text);
        expect(accepted).toHaveLength(1);
        expect(accepted[0].messageId).toBe(sent.telegramMessageId);
        const sendRequest = telegram
          .requestsFor('sendMessage', typist.token)
          .find((r) => r.params.text === sent.text);
        expect(sendRequest?.at).toBeGreaterThan(killedAt);
      });

      it('after the Telegram call: the message is recorded unknown and never sent again', async () => {
        const { telegram } = sys.e2e;
        const before = telegram.messages.length;
        telegram.failNext({ method: 'sendMessage', failure: { kind: 'process_then_hang' } });
        await sys.e2e.waitFor('a message accepted without an answer', async () => {
          return telegram.messages.length > before;
        });
        const accepted = telegram.messages[before];
        const row = (await sys.e2e.messages({ chatDbId: chat.id })).find(
          (m) => m.text === accepted.text,
        ) as Message;
        expect(row.state).toBe(MessageState.Sending);
        const victim = await sys.waitForHolder(QueueName.Send, sys.sendJobId(row.id));
        const killedAt = Date.now();
        const replacement = crash(victim);

        const settled = await sys.waitForState(row.id, [MessageState.Unknown, MessageState.Sent]);
        sys.note(`round ${round}, killed at Telegram → unknown`, `${Date.now() - killedAt} ms`);
        await replacement;
        expect(settled).toMatchObject({ state: MessageState.Unknown });
        expect(settled.stateReason).toMatch(/^interrupted_during_send/);
        // The chat carries on, and the interrupted message was not sent a second time.
        const sentBefore = await sys.e2e.sentCount();
        await sys.e2e.waitFor('the chat to carry on', async () => {
          return (await sys.e2e.sentCount()) >= sentBefore + 2;
        });
        expect(acceptedTexts(accepted.text)).toHaveLength(1);
      });
    });
  }

  it('keeps every promise: nothing sent twice, nothing left in flight, no limit broken', async () => {
    const report = await sys.assertInvariants();
    expect(report.byState.sent).toBeGreaterThanOrEqual(3 * ROUNDS);
    expect(report.byState.unknown).toBeGreaterThanOrEqual(ROUNDS);
    expect(sys.liveWorkers).toHaveLength(2);
  });
});
