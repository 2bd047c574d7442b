import { chooseAction, isQuiet, QUIET_AFTER_MS } from './action-choice';
import { sequenceRng } from './random.util';
import { PlannerFactory as F } from './testing/planner-factories';

const NOW = new Date('2026-01-15T09:00:00Z');
const ago = (ms: number) => [F.message({ id: 1, created_at: new Date(NOW.getTime() - ms) })];
const probs = {
  short_reaction_probability: 0.1,
  reply_probability: 0.6,
  new_message_probability: 0.35,
};

describe('isQuiet', () => {
  it('is quiet when empty or silent for 10 minutes', () => {
    expect(isQuiet([], NOW)).toBe(true);
    expect(isQuiet(ago(QUIET_AFTER_MS), NOW)).toBe(true);
    expect(isQuiet(ago(QUIET_AFTER_MS - 1), NOW)).toBe(false);
  });
});

describe('chooseAction', () => {
  it('opens a new thread in a quiet chat with new_message_probability, else skips', () => {
    const quiet = { ...probs, history: ago(QUIET_AFTER_MS), now: NOW };
    expect(chooseAction(quiet, sequenceRng([0.34]))).toEqual({
      action: 'new',
      reason: 'quiet_chat_new_thread',
    });
    expect(chooseAction(quiet, sequenceRng([0.35]))).toEqual({ skip: 'quiet_chat_stays_quiet' });
    expect(chooseAction({ ...quiet, history: [] }, sequenceRng([0.1]))).toMatchObject({
      action: 'new',
    });
  });

  it('never opens a quiet chat at probability 0 and always at 1', () => {
    const quiet = { ...probs, history: [], now: NOW };
    expect(chooseAction({ ...quiet, new_message_probability: 0 }, sequenceRng([0]))).toEqual({
      skip: 'quiet_chat_stays_quiet',
    });
    expect(
      chooseAction({ ...quiet, new_message_probability: 1 }, sequenceRng([0.9999])),
    ).toMatchObject({
      action: 'new',
    });
  });

  it('chooses reaction, then reply, then new in a live chat', () => {
    const live = { ...probs, history: ago(60_000), now: NOW };
    expect(chooseAction(live, sequenceRng([0.05]))).toEqual({
      action: 'reaction',
      reason: 'short_reaction',
    });
    expect(chooseAction(live, sequenceRng([0.5, 0.59]))).toEqual({
      action: 'reply',
      reason: 'reply',
    });
    expect(chooseAction(live, sequenceRng([0.5, 0.6]))).toEqual({
      action: 'new',
      reason: 'new_thread',
    });
  });

  it('honours zero probabilities exactly', () => {
    const live = {
      history: ago(1000),
      now: NOW,
      short_reaction_probability: 0,
      reply_probability: 0,
      new_message_probability: 0,
    };
    expect(chooseAction(live, sequenceRng([0]))).toEqual({ action: 'new', reason: 'new_thread' });
    expect(chooseAction({ ...live, reply_probability: 1 }, sequenceRng([0.9999]))).toMatchObject({
      action: 'reply',
    });
  });
});
