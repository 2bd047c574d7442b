import { MessageState } from '../../../src/messages/entities/message.entity';
import { EngineE2e, FAST_SETTINGS, SeededBot } from '../../support/engine-e2e';
import { FaultProxy } from '../support/fault-proxy';
import { CHAOS, CHAOS_LONG, SCENARIO_TIMEOUT_MS } from './chaos-profile';
import { settleAndCheck, simulationResumes } from './scenario';

const TELEGRAM_TIMEOUT_MS = 1500;
const LLM_TIMEOUT_MS = 1000;

/**
 * Slow and throttling dependencies under two worker processes whose Telegram API root and LLM
 * base URL go through fault proxies: one bot's Telegram answers slower than the client's timeout,
 * all of Telegram or the whole LLM endpoint slower than the timeouts, and a storm of 429s for one
 * bot. Retries stay bounded, every message ends final and is never sent twice, the other chats
 * keep going, and no Telegram limit is broken.
 */
describe('chaos (network): slow Telegram and LLM, 429 storms', () => {
  let telegramProxy: FaultProxy;
  let llmProxy: FaultProxy;
  let e2e: EngineE2e;
  const bot: Record<string, SeededBot> = {};

  beforeAll(async () => {
    e2e = await EngineE2e.start('chaos_slow');
    [telegramProxy, llmProxy] = await Promise.all([
      FaultProxy.forUrl(e2e.telegram.apiRoot),
      FaultProxy.forUrl(e2e.llm.baseUrl),
    ]);
    await e2e.settings(FAST_SETTINGS);
    for (const name of ['Slow', 'Storm', 'Calm', 'Steady']) {
      bot[name] = await e2e.bot(name);
    }
    await e2e.chat('slow bot', [bot.Slow.bot.id]);
    await e2e.chat('429 storm', [bot.Storm.bot.id]);
    await e2e.chat('calm', [bot.Calm.bot.id, bot.Steady.bot.id]);
    const env = {
      TELEGRAM_API_ROOT: telegramProxy.rewrite(e2e.telegram.apiRoot),
      TELEGRAM_REQUEST_TIMEOUT_MS: String(TELEGRAM_TIMEOUT_MS),
      LLM_BASE_URL: llmProxy.rewrite(e2e.llm.baseUrl),
      LLM_TIMEOUT_MS: String(LLM_TIMEOUT_MS),
    };
    await Promise.all([e2e.startWorker(env), e2e.startWorker(env)]);
    await e2e.waitFor('the first messages', () => e2e.telegram.messages.length >= 3);
  }, 120_000);

  afterAll(async () => {
    await e2e?.stop();
    await Promise.all([telegramProxy?.stop(), llmProxy?.stop()]);
  }, 60_000);

  const acceptedFrom = (name: string) =>
    e2e.telegram.messages.filter((m) => m.token === bot[name].token).length;
  const othersAccepted = () =>
    e2e.telegram.messages.filter((m) => m.token === bot.Calm.token || m.token === bot.Steady.token)
      .length;

  it(
    '429 storm: only the throttled bot waits, each retry after retry_after, sent once',
    async () => {
      const retryAfter = CHAOS_LONG ? 2 : 1;
      const times = CHAOS_LONG ? 8 : 3;
      const sendsBefore = e2e.telegram.requestsFor('sendMessage', bot.Storm.token).length;
      const acceptedBefore = acceptedFrom('Storm');
      const othersBefore = othersAccepted();
      e2e.telegram.failNext({
        token: bot.Storm.token,
        method: 'sendMessage',
        failure: { kind: 'rate_limited', retryAfter },
        times,
      });
      await e2e.waitFor(
        'the throttled bot to get a message through',
        () => acceptedFrom('Storm') > acceptedBefore,
        CHAOS.recoveryTimeoutMs + times * retryAfter * 1000,
      );

      const storm = e2e.telegram.requestsFor('sendMessage', bot.Storm.token).slice(sendsBefore);
      expect(storm.length).toBeGreaterThan(times);
      for (let i = 1; i <= times; i += 1) {
        // Telegram's retry_after is a floor for the next request of that bot.
        expect(storm[i].at - storm[i - 1].at).toBeGreaterThanOrEqual(retryAfter * 1000 - 50);
      }
      // The other chat is not held back by the throttled bot (its next message may come after the
      // storm's few seconds: a chat speaks every few seconds at most).
      await e2e.waitFor(
        'the other chat to go on',
        () => othersAccepted() > othersBefore,
        CHAOS.recoveryTimeoutMs,
      );
      await settleAndCheck(e2e);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    "one bot's Telegram slower than the timeout: unknown, never resent; other chats go on",
    async () => {
      const othersBefore = othersAccepted();
      e2e.telegram.failNext({
        token: bot.Slow.token,
        method: 'sendMessage',
        failure: { kind: 'delay', ms: TELEGRAM_TIMEOUT_MS * 2 },
        times: CHAOS.cycles,
      });
      await e2e.waitFor(
        "the slow bot's send to time out",
        async () =>
          (await e2e.messages({ botId: bot.Slow.bot.id, state: MessageState.Unknown })).length >= 1,
        CHAOS.recoveryTimeoutMs,
      );
      await simulationResumes(e2e, 'the slow bot');
      // The other chat goes on (not necessarily among the first messages after the fault: on a
      // busy machine those can all come from the storm chat).
      await e2e.waitFor(
        'the other chat to go on',
        () => othersAccepted() > othersBefore,
        CHAOS.recoveryTimeoutMs,
      );
      await settleAndCheck(e2e);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'all of Telegram slower than the timeout, then fast again: every message final, none twice',
    async () => {
      const unknownBefore = (await e2e.messages({ state: MessageState.Unknown })).length;
      // Each way is held this long: a request arrives, but its answer comes after the timeout.
      telegramProxy.latency(TELEGRAM_TIMEOUT_MS * 0.75);
      await e2e.waitFor(
        'sends to time out',
        async () => (await e2e.messages({ state: MessageState.Unknown })).length > unknownBefore,
        CHAOS.recoveryTimeoutMs,
      );
      telegramProxy.pass();
      await simulationResumes(e2e, 'Telegram is fast again');
      await settleAndCheck(e2e);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'the LLM slower than its timeout: bounded retries or an open circuit, turns pass, the chats resume',
    async () => {
      const skippedTurns = () =>
        e2e.workers.reduce(
          (n, w) => n + (w.output.match(/skipped: LLM (timeout|circuit_open)/g)?.length ?? 0),
          0,
        );
      const skippedBefore = skippedTurns();
      const sentBefore = e2e.telegram.messages.length;
      const slowFrom = Date.now();
      llmProxy.latency(LLM_TIMEOUT_MS * 0.8);
      await e2e.waitFor(
        'turns to give up on the LLM',
        () => skippedTurns() >= skippedBefore + CHAOS.cycles,
        CHAOS.recoveryTimeoutMs,
      );
      llmProxy.pass();
      const slowUntil = Date.now();

      // Nothing generated, so (almost) nothing sent while every answer came too late.
      expect(e2e.telegram.messages.length - sentBefore).toBeLessThanOrEqual(2);
      // Bounded: at most 3 attempts per turn that gave up (none once the circuit is open), plus
      // the turns still in flight (one per chat), never a retry loop.
      const attempts = e2e.llm.requests.filter((r) => r.at >= slowFrom && r.at <= slowUntil);
      expect(attempts.length).toBeLessThanOrEqual(3 * (skippedTurns() - skippedBefore + 3));
      await simulationResumes(e2e, 'the LLM is fast again');
      await settleAndCheck(e2e);
    },
    SCENARIO_TIMEOUT_MS,
  );
});
