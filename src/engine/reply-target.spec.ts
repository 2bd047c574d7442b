import { HistoryMessage } from './engine-types';
import { sequenceRng } from './random.util';
import { chooseReplyTarget, scoreTarget, TargetContext } from './reply-target';
import { PlannerFactory as F } from './testing/planner-factories';

const NOW = new Date('2026-01-15T09:10:00Z');
const at = (minutesAgo: number): Date => new Date(NOW.getTime() - minutesAgo * 60_000);
const speaker = F.bot({ id: 1, name: 'Kemal', username: 'kemal_bot' });

function ctx(history: HistoryMessage[], overrides: Partial<TargetContext> = {}): TargetContext {
  return {
    speaker,
    history,
    topics: ['BIST', 'FX', 'Kripto', 'Makro'],
    now: NOW,
    reply_to_bots_probability: 1,
    mention_probability: 0,
    ...overrides,
  };
}

describe('scoreTarget', () => {
  const base = { speaker, history: [], topics: ['BIST', 'FX'] };

  it('gives a human author 8 and another bot 2.5, plus freshness', () => {
    expect(scoreTarget(F.message({ id: 1, text: 'x' }), 0, base)).toEqual({
      message: expect.any(Object),
      score: 8 + 4,
      reasons: ['human'],
    });
    expect(scoreTarget(F.message({ id: 1, bot_id: 2, text: 'x' }), 1, base).score).toBeCloseTo(
      2.5 + 4 * 0.8,
    );
  });

  it('adds question, curiosity, mention, watchlist, topic, distress and thread points', () => {
    const empathic = F.bot({
      id: 1,
      name: 'Kemal',
      username: 'kemal_bot',
      persona: { ...speaker.persona, watchlist: ['THYAO', 'USDTRY'] },
      emotion: { ...speaker.emotion, empathy: 0.8 },
    });
    const message = F.message({
      id: 5,
      text: '@kemal_bot sizce THYAO ve dolar ne olur? Zarar ettim, panikteyim',
    });
    const history = [message, F.message({ id: 6, text: 'aynen', reply_to_id: 5 })];
    const scored = scoreTarget(message, 2, {
      speaker: empathic,
      history,
      topics: ['BIST', 'FX', 'Kripto'],
    });
    expect(scored.reasons).toEqual([
      'human',
      'question',
      'curiosity',
      'mentions_speaker',
      'watchlist×2',
      'topics×2',
      'distress',
      'already_replied',
    ]);
    expect(scored.score).toBeCloseTo(8 + 4 * 0.64 + 4 + 3 + 15 + 5 + 3 + 2 + 1.5);
  });

  it('needs empathy for the distress points', () => {
    const cold = {
      ...base,
      speaker: F.bot({ id: 1, emotion: { ...speaker.emotion, empathy: 0.3 } }),
    };
    expect(scoreTarget(F.message({ id: 1, text: 'çok zarar ettim' }), 0, cold).reasons).toEqual([
      'human',
    ]);
  });
});

describe('chooseReplyTarget', () => {
  it('has nothing to reply to in an empty chat or with only own or old messages', () => {
    expect(chooseReplyTarget(ctx([]), sequenceRng([0.5]))).toEqual({
      target: null,
      reason: 'nothing_recent',
    });
    const own = [F.message({ id: 1, bot_id: 1, created_at: at(1) })];
    expect(chooseReplyTarget(ctx(own), sequenceRng([0.5])).target).toBeNull();
    const old = [F.message({ id: 1, created_at: at(61) })];
    expect(chooseReplyTarget(ctx(old), sequenceRng([0.5])).target).toBeNull();
  });

  it('draws among the top three by score', () => {
    const history = [
      F.message({ id: 1, text: 'a', created_at: at(9) }),
      F.message({ id: 2, text: 'b', created_at: at(8) }),
      F.message({ id: 3, text: 'c', created_at: at(7) }),
      F.message({ id: 4, bot_id: 2, text: 'd', created_at: at(6) }),
      F.message({ id: 5, text: '@kemal_bot ne dersin?', created_at: at(5) }),
    ];
    const choice = chooseReplyTarget(ctx(history), sequenceRng([0]));
    if (!choice.target) {
      throw new Error('expected a target');
    }
    expect(choice.candidates.map((c) => c.message_id)).toEqual([5, 3, 2]);
    expect(choice.target.id).toBe(5);
    // A draw near 1 lands on the third candidate.
    const last = chooseReplyTarget(ctx(history), sequenceRng([0.9999]));
    expect(last.target?.id).toBe(2);
  });

  it('only targets humans when the newest message is from a bot and the bot draw fails', () => {
    const history = [
      F.message({ id: 1, text: 'insan mesajı', created_at: at(5) }),
      F.message({ id: 2, bot_id: 2, text: 'bot mesajı', created_at: at(1) }),
    ];
    const noBots = chooseReplyTarget(
      ctx(history, { reply_to_bots_probability: 0 }),
      sequenceRng([0.5]),
    );
    expect(noBots.target?.id).toBe(1);
    const onlyBots = [F.message({ id: 2, bot_id: 2, created_at: at(1) })];
    expect(
      chooseReplyTarget(ctx(onlyBots, { reply_to_bots_probability: 0 }), sequenceRng([0.5])),
    ).toEqual({
      target: null,
      reason: 'bots_not_targeted',
    });
    expect(
      chooseReplyTarget(ctx(onlyBots, { reply_to_bots_probability: 1 }), sequenceRng([0.5])).target
        ?.id,
    ).toBe(2);
  });

  it('does not gate bots when the newest message is from a human', () => {
    const history = [
      F.message({ id: 1, bot_id: 2, text: '@kemal_bot?', created_at: at(2) }),
      F.message({ id: 2, text: 'tamam', created_at: at(1) }),
    ];
    const choice = chooseReplyTarget(
      ctx(history, { reply_to_bots_probability: 0 }),
      sequenceRng([0]),
    );
    expect(choice.target?.id).toBe(1);
  });

  it('mentions with mention_probability, only targets with a username', () => {
    const history = [F.message({ id: 1, username: 'ayse', created_at: at(1) })];
    expect(
      chooseReplyTarget(ctx(history, { mention_probability: 1 }), sequenceRng([0.5])),
    ).toMatchObject({
      mention: 'ayse',
    });
    expect(
      chooseReplyTarget(ctx(history, { mention_probability: 0 }), sequenceRng([0.5])),
    ).toMatchObject({
      mention: null,
    });
    const anonymous = [F.message({ id: 1, username: null, created_at: at(1) })];
    expect(
      chooseReplyTarget(ctx(anonymous, { mention_probability: 1 }), sequenceRng([0.5])),
    ).toMatchObject({
      mention: null,
    });
  });

  it('never mentions the speaker itself', () => {
    const sameHandle = [F.message({ id: 1, bot_id: 9, username: 'kemal_bot', created_at: at(1) })];
    expect(
      chooseReplyTarget(ctx(sameHandle, { mention_probability: 1 }), sequenceRng([0.5])),
    ).toMatchObject({ mention: null });
  });
});
