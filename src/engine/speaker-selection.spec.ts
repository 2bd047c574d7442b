import { sequenceRng } from './random.util';
import { chooseSpeaker, talkativeness } from './speaker-selection';
import { PlannerFactory as F } from './testing/planner-factories';

const ctx = (history: ReturnType<typeof F.message>[] = [], hourlyMin = 0) => ({
  history,
  hourlyMin,
});

describe('chooseSpeaker', () => {
  it('returns null without eligible bots and the bot itself when alone', () => {
    expect(chooseSpeaker([], ctx(), sequenceRng([0.5]))).toBeNull();
    const only = F.bot({ id: 1 });
    expect(chooseSpeaker([only], ctx(), sequenceRng([0.5]))).toMatchObject({
      bot: only,
      reason: 'alone',
    });
  });

  it('weighs equal bots equally', () => {
    const bots = [F.bot({ id: 1 }), F.bot({ id: 2 })];
    const choice = chooseSpeaker(bots, ctx(), sequenceRng([0.49]));
    expect(choice?.weights).toEqual([
      { bot_id: 1, weight: 1 },
      { bot_id: 2, weight: 1 },
    ]);
    expect(choice?.bot.id).toBe(1);
    expect(chooseSpeaker(bots, ctx(), sequenceRng([0.51]))?.bot.id).toBe(2);
    expect(choice?.reason).toBe('random');
  });

  it('strongly prefers a bot that was @mentioned', () => {
    const bots = [F.bot({ id: 1 }), F.bot({ id: 2, username: 'kemal' })];
    const history = [F.message({ id: 10, text: '@kemal dolar ne olur' })];
    const choice = chooseSpeaker(bots, ctx(history), sequenceRng([0.5]));
    // 1 + 6 (mentioned) + 2 (asked a question) = 9 against 1.
    expect(choice?.weights).toEqual([
      { bot_id: 1, weight: 1 },
      { bot_id: 2, weight: 9 },
    ]);
    expect(choice).toMatchObject({ reason: 'mentioned' });
    expect(choice?.bot.id).toBe(2);
  });

  it('prefers the bot whose message was replied to, until it has answered', () => {
    const bots = [F.bot({ id: 1 }), F.bot({ id: 2 })];
    const history = [
      F.message({ id: 10, bot_id: 2, text: 'THYAO güçlü' }),
      F.message({ id: 11, text: 'neden öyle düşünüyorsun?', reply_to_id: 10 }),
    ];
    const weights = chooseSpeaker(bots, ctx(history), sequenceRng([0.99]))?.weights;
    // Bot 2 spoke within the last 3 messages: (1 + 5 + 2) × 0.6.
    expect(weights).toEqual([
      { bot_id: 1, weight: 1 },
      { bot_id: 2, weight: 8 * 0.6 },
    ]);
    const answered = [...history, F.message({ id: 12, bot_id: 2, text: 'hacim var' })];
    expect(chooseSpeaker(bots, ctx(answered), sequenceRng([0]))?.weights[1].weight).toBeCloseTo(
      0.6,
    );
  });

  it('adds watchlist overlap with the thread, capped at three symbols', () => {
    const bots = [
      F.bot({ id: 1 }),
      F.bot({
        id: 2,
        persona: {
          ...F.bot({ id: 2 }).persona,
          watchlist: ['THYAO', 'ASELS', 'GARAN', 'BTC', 'ETH'],
        },
      }),
    ];
    const history = [F.message({ id: 10, text: 'THYAO ASELS GARAN BTC ETH hepsi yeşil' })];
    const choice = chooseSpeaker(bots, ctx(history), sequenceRng([0.99]));
    expect(choice?.weights[1].weight).toBeCloseTo(1 + 0.75 * 3);
    expect(choice?.reason).toBe('watchlist');
  });

  it('scales by talkativeness and nudges bots behind the hourly minimum', () => {
    const fast = F.bot({ id: 1, speed: { ...F.bot({ id: 1 }).speed, base_delay_seconds: 15 } });
    const behind = F.bot({ id: 2, messages_last_hour: 2 });
    const choice = chooseSpeaker([fast, behind], ctx([], 6), sequenceRng([0.99]));
    expect(choice?.weights).toEqual([
      { bot_id: 1, weight: 2 * 1.3 },
      { bot_id: 2, weight: 1.3 },
    ]);
    expect(choice?.reason).toBe('behind_hourly_min');
    expect(
      chooseSpeaker(
        [{ ...fast, messages_last_hour: 9 }, F.bot({ id: 3, messages_last_hour: 9 })],
        ctx([], 6),
        sequenceRng([0]),
      )?.reason,
    ).toBe('talkative');
  });
});

describe('talkativeness', () => {
  it('is bounded and neutral at the reference profile', () => {
    const bot = F.bot({ id: 1 });
    expect(talkativeness(bot)).toBe(1);
    expect(talkativeness({ speed: { ...bot.speed, delay_multiplier: 2 } })).toBe(0.5);
    expect(
      talkativeness({ speed: { ...bot.speed, base_delay_seconds: 3, delay_multiplier: 0.1 } }),
    ).toBe(4);
    expect(talkativeness({ speed: { ...bot.speed, base_delay_seconds: 3600 } })).toBe(0.25);
  });
});
