import { Chat } from '../../../src/chats/entities/chat.entity';
import { MessageState } from '../../../src/messages/entities/message.entity';
import { EngineE2e, FAST_SETTINGS, SeededBot } from '../../support/engine-e2e';

/**
 * LLM failures with the real system running: each bot uses its own model name, which the fake
 * OpenAI server answers with a 500, never (timeout) or an empty text. Retries are bounded, the
 * turn passes, nothing reaches Telegram and no row is left in flight.
 */
describe('engine end to end: LLM failures', () => {
  let e2e: EngineE2e;
  const bot: Record<string, SeededBot> = {};
  const chat: Record<string, Chat> = {};
  const MODEL = { error: 'fake-500', timeout: 'fake-hang', empty: 'fake-empty' } as const;

  beforeAll(async () => {
    e2e = await EngineE2e.start('e2e_llmfail');
    await e2e.settings({ ...FAST_SETTINGS, short_reaction_probability: 0 });
    e2e.llm.script({ kind: 'error', status: 500 }, { model: MODEL.error, times: 1000 });
    e2e.llm.script({ kind: 'hang' }, { model: MODEL.timeout, times: 1000 });
    e2e.llm.script({ kind: 'empty' }, { model: MODEL.empty, times: 1000 });
    for (const [kind, model] of Object.entries(MODEL)) {
      bot[kind] = await e2e.bot(`Llm${kind}`, { llmModel: model });
      chat[kind] = await e2e.chat(kind, [bot[kind].bot.id]);
    }
    await Promise.all([
      e2e.startWorker({ LLM_TIMEOUT_MS: '1500' }),
      e2e.startWorker({ LLM_TIMEOUT_MS: '1500' }),
    ]);
  }, 120000);

  afterAll(async () => {
    await e2e?.stop();
  }, 60000);

  const skippedTurns = (chatDbId: number): number =>
    e2e.workers
      .map(
        (w) =>
          w.output.match(new RegExp(`turn in chat ${chatDbId} skipped: LLM`, 'g'))?.length ?? 0,
      )
      .reduce((a, b) => a + b, 0);
  const requestsFor = (model: string) => e2e.llm.requests.filter((r) => r.model === model).length;

  it('retries within bounds, passes the turn and sends nothing', async () => {
    await e2e.waitFor(
      'a failed turn in every chat',
      async () => {
        const emptyDone =
          skippedTurns(chat.empty.id) > 0 ||
          (await e2e.messages({ chatDbId: chat.empty.id, state: MessageState.Skipped })).length > 0;
        // Each failing model must have been asked itself, more than once: each has its own
        // circuit breaker, so the 500s cannot shed the hanging model's requests.
        const retried = requestsFor(MODEL.error) > 1 && requestsFor(MODEL.timeout) > 1;
        return (
          skippedTurns(chat.error.id) > 0 &&
          skippedTurns(chat.timeout.id) > 0 &&
          emptyDone &&
          retried
        );
      },
      45000,
    );
    await e2e.settings({ simulation_active: false });
    await new Promise((r) => setTimeout(r, 1000));

    // Retried (more than one request) but bounded: at most 3 attempts per turn, counting a turn
    // that may still be in flight.
    for (const kind of ['error', 'timeout'] as const) {
      const turns = skippedTurns(chat[kind].id);
      expect(requestsFor(MODEL[kind])).toBeGreaterThan(1);
      expect(requestsFor(MODEL[kind])).toBeLessThanOrEqual(3 * (turns + 1));
    }
    expect(e2e.telegram.requestsFor('sendMessage')).toEqual([]);
    const rows = await e2e.messages();
    expect(rows.filter((m) => m.state !== MessageState.Skipped)).toEqual([]);
  }, 90000);
});
