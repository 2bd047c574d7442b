import fc from 'fast-check';
import { defaultSettings } from '../settings/settings.registry';
import { HistoryMessage, PlannerBot } from './engine-types';
import { seededRng, sequenceRng } from './random.util';
import { PlannerFactory as F } from './testing/planner-factories';
import { isSkip, planTurn, PlannerSettings, TurnInput, TurnPlan } from './turn-planner';

const ist = (iso: string): Date => new Date(`${iso}+03:00`);
const NOW = ist('2026-01-15T10:30:00'); // Thursday, prime hours, BIST open
const minutesAgo = (m: number): Date => new Date(NOW.getTime() - m * 60_000);

function settings(overrides: Partial<PlannerSettings> = {}): PlannerSettings {
  return { ...defaultSettings(), simulation_active: true, ...overrides };
}

function input(overrides: Partial<TurnInput> = {}): TurnInput {
  return {
    settings: settings(),
    chat: F.chat(),
    bots: [F.bot({ id: 1 }), F.bot({ id: 2 })],
    history: [],
    now: NOW,
    pending_human_message: false,
    ...overrides,
  };
}

function plan(result: ReturnType<typeof planTurn>): TurnPlan {
  if (isSkip(result)) {
    throw new Error(`expected a plan, got skip ${result.skip}`);
  }
  return result;
}

describe('planTurn skips', () => {
  it('skips when the simulation is stopped, the chat disabled or a human waits', () => {
    const rng = sequenceRng([0.5]);
    expect(planTurn(input({ settings: settings({ simulation_active: false }) }), rng)).toEqual({
      skip: 'simulation_stopped',
      excluded: [],
    });
    expect(planTurn(input({ chat: F.chat({ is_enabled: false }) }), rng)).toMatchObject({
      skip: 'chat_disabled',
    });
    expect(planTurn(input({ pending_human_message: true }), rng)).toMatchObject({
      skip: 'human_message_pending',
    });
  });

  it('skips when every bot is out of hours, naming why', () => {
    const bots = [1, 2].map((id) => F.bot({ id, active_hours: ['20:00-23:00'] }));
    expect(planTurn(input({ bots }), sequenceRng([0]))).toEqual({
      skip: 'no_eligible_bot',
      excluded: [
        { bot_id: 1, reason: 'out_of_hours' },
        { bot_id: 2, reason: 'out_of_hours' },
      ],
    });
    expect(planTurn(input({ bots: [] }), sequenceRng([0]))).toMatchObject({
      skip: 'no_eligible_bot',
    });
  });

  it('evaluates active hours in the chat timezone over the setting', () => {
    // 10:30 Istanbul is 07:30 UTC.
    const bots = [F.bot({ id: 1, active_hours: ['07:00-08:00'] })];
    expect(planTurn(input({ bots }), sequenceRng([0]))).toMatchObject({ skip: 'no_eligible_bot' });
    const utcChat = F.chat({ timezone: 'UTC' });
    const result = plan(planTurn(input({ bots, chat: utcChat }), sequenceRng([0])));
    expect(result.timezone).toBe('UTC');
    expect(result.time_context.local_time).toBe('07:30');
  });

  it('lets a quiet chat stay quiet unless new_message_probability fires', () => {
    const quietHistory = [F.message({ id: 1, created_at: minutesAgo(30) })];
    expect(
      planTurn(
        input({ history: quietHistory, settings: settings({ new_message_probability: 0 }) }),
        sequenceRng([0]),
      ),
    ).toMatchObject({ skip: 'quiet_chat_stays_quiet' });
    const opened = plan(
      planTurn(
        input({ history: quietHistory, settings: settings({ new_message_probability: 1 }) }),
        sequenceRng([0.5]),
      ),
    );
    expect(opened).toMatchObject({
      action: 'new',
      target_message_id: null,
      mention_username: null,
    });
    expect(opened.reasons.action).toBe('quiet_chat_new_thread');
  });
});

describe('planTurn plans', () => {
  const liveHistory: HistoryMessage[] = [
    F.message({
      id: 10,
      bot_id: 1,
      speaker: 'Bot1',
      username: 'bot1',
      text: 'THYAO güçlü',
      created_at: minutesAgo(4),
    }),
    F.message({
      id: 11,
      speaker: 'Ayşe',
      username: 'ayse',
      text: '@bot2 sizce dolar ne olur?',
      created_at: minutesAgo(1),
    }),
  ];

  it('plans a reply to the human who asked the mentioned bot, with a mention', () => {
    const s = settings({
      short_reaction_probability: 0,
      reply_probability: 1,
      mention_probability: 1,
    });
    const result = plan(planTurn(input({ settings: s, history: liveHistory }), sequenceRng([0.5])));
    expect(result).toMatchObject({
      action: 'reply',
      speaker_id: 2,
      target_message_id: 11,
      mention_username: 'ayse',
      topic: 'FX',
      timezone: 'Europe/Istanbul',
    });
    expect(result.length).not.toBeNull();
    expect(result.thread_symbols).toEqual(['USDTRY']);
    expect(result.reasons).toMatchObject({
      action: 'reply',
      speaker: 'mentioned',
      topic: 'target',
    });
    expect(result.reasons.target).toEqual(
      expect.arrayContaining(['human', 'question', 'curiosity', 'mentions_speaker']),
    );
    expect(result.time_context).toMatchObject({
      day_part: 'sabah',
      bist_open: true,
      weekend: false,
    });
  });

  it('plans a reaction without length or mention', () => {
    const s = settings({ short_reaction_probability: 1, mention_probability: 1 });
    const result = plan(
      planTurn(input({ settings: s, history: liveHistory }), seededRng('reaction')),
    );
    expect(result).toMatchObject({ action: 'reaction', length: null, mention_username: null });
    expect(result.target_message_id).not.toBeNull();
  });

  it('never lets a single bot reply to itself: it opens a new thread instead', () => {
    const own = [F.message({ id: 10, bot_id: 1, text: 'selam', created_at: minutesAgo(1) })];
    const s = settings({ short_reaction_probability: 0, reply_probability: 1 });
    const result = plan(
      planTurn(input({ settings: s, bots: [F.bot({ id: 1 })], history: own }), seededRng('alone')),
    );
    expect(result).toMatchObject({ action: 'new', speaker_id: 1, target_message_id: null });
    expect(result.reasons).toMatchObject({
      action: 'no_target_new_thread',
      speaker: 'alone',
      target_fallback: 'nothing_recent',
    });
  });

  it('does not pick the previous author when another bot is available', () => {
    const history = [F.message({ id: 10, bot_id: 1, text: 'selam', created_at: minutesAgo(1) })];
    for (const seed of ['a', 'b', 'c', 'd', 'e']) {
      expect(plan(planTurn(input({ history }), seededRng(seed))).speaker_id).toBe(2);
    }
  });

  it('keeps the speaker off topics under its stance cooldown', () => {
    const cooled: PlannerBot = F.bot({
      id: 1,
      stances: ['BIST', 'FX', 'Kripto'].map((topic) => ({
        topic,
        stance_text: 'x',
        confidence: 0.8,
        cooldown_until: new Date(NOW.getTime() + 60_000),
      })),
    });
    const s = settings({ new_message_probability: 1 });
    for (const seed of ['1', '2', '3', '4']) {
      const result = plan(planTurn(input({ settings: s, bots: [cooled] }), seededRng(seed)));
      expect(result.topic).toBe('Makro');
      expect(result.reasons.cooled_topics).toEqual(['BIST', 'FX', 'Kripto']);
    }
  });

  it('is deterministic for the same seed', () => {
    const a = planTurn(input({ history: liveHistory }), seededRng('same'));
    const b = planTurn(input({ history: liveHistory }), seededRng('same'));
    expect(a).toEqual(b);
  });
});

describe('planTurn invariants', () => {
  const botArb = fc.record({
    id: fc.integer({ min: 1, max: 6 }),
    is_enabled: fc.boolean(),
    status: fc.constantFrom('active' as const, 'paused' as const, 'error' as const),
    membership: fc.constantFrom('member' as const, 'failed' as const, null),
    messages_last_hour: fc.integer({ min: 0, max: 15 }),
    active_hours: fc.constantFrom([], ['09:00-18:00'], ['22:00-02:00'], ['00:00-24:00']),
  });
  const messageArb = fc.record({
    id: fc.integer({ min: 1, max: 1000 }),
    bot_id: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
    username: fc.option(fc.constantFrom('ayse', 'bot1', 'bot2', 'mehmet'), { nil: null }),
    text: fc.constantFrom('THYAO?', 'dolar ne olur', '@bot3 sizce?', 'selam', 'zarar ettim', ''),
    minutes: fc.integer({ min: 0, max: 120 }),
    reply_to_id: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: null }),
  });

  it('always returns a skip or a consistent plan', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(botArb, { selector: (b) => b.id, maxLength: 5 }),
        fc.array(messageArb, { maxLength: 15 }),
        fc.record({
          reply_probability: fc.double({ min: 0, max: 1, noNaN: true }),
          short_reaction_probability: fc.double({ min: 0, max: 1, noNaN: true }),
          new_message_probability: fc.double({ min: 0, max: 1, noNaN: true }),
          mention_probability: fc.double({ min: 0, max: 1, noNaN: true }),
          reply_to_bots_probability: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
        fc.integer(),
        (botSpecs, messageSpecs, probs, seed) => {
          const bots = botSpecs.map((b) => F.bot({ ...b, active_hours: [...b.active_hours] }));
          const history = messageSpecs
            .map((m) => F.message({ ...m, created_at: minutesAgo(m.minutes) }))
            .sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
          const result = planTurn(
            input({ bots, history, settings: settings(probs) }),
            seededRng(seed),
          );
          if (isSkip(result)) {
            return true;
          }
          const speaker = bots.find((b) => b.id === result.speaker_id);
          const target = history.find((m) => m.id === result.target_message_id);
          return (
            speaker !== undefined &&
            speaker.is_enabled &&
            speaker.status === 'active' &&
            speaker.membership !== 'failed' &&
            speaker.messages_last_hour < 12 &&
            (result.action === 'new') === (result.target_message_id === null) &&
            (target === undefined || target.bot_id !== speaker.id) &&
            (result.mention_username === null || result.mention_username !== speaker.username) &&
            (result.action === 'reaction') === (result.length === null) &&
            F.chat().topics.includes(result.topic)
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
