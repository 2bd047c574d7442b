import { chooseHumanResponder, HumanResponderInput } from './human-responder';
import { sequenceRng } from './random.util';
import { PlannerFactory as F } from './testing/planner-factories';

const NOW = new Date('2026-01-15T09:00:00Z');
const ali = F.bot({ id: 1, name: 'Ali', username: 'ali_bot' });
const veli = F.bot({
  id: 2,
  name: 'Veli',
  username: 'veli_bot',
  persona: { ...F.bot({ id: 2 }).persona, watchlist: ['BTC'] },
});
const empathic = F.bot({
  id: 3,
  name: 'Selin',
  username: 'selin_bot',
  emotion: { ...F.bot({ id: 3 }).emotion, empathy: 0.9 },
});

function input(overrides: Partial<HumanResponderInput> = {}): HumanResponderInput {
  return {
    message: F.message({ id: 50, text: 'selam', created_at: NOW }),
    history: [],
    bots: [ali, veli, empathic],
    topics: ['BIST', 'FX', 'Kripto', 'Makro'],
    now: NOW,
    tz: 'Europe/Istanbul',
    hourlyMax: 12,
    human_reply_enabled: true,
    ...overrides,
  };
}

describe('chooseHumanResponder', () => {
  it('lets nobody answer when human replies are off', () => {
    const msg = F.message({ id: 50, text: '@ali_bot selam' });
    expect(
      chooseHumanResponder(input({ message: msg, human_reply_enabled: false }), sequenceRng([0])),
    ).toEqual({
      bot_id: null,
      reason: 'human_reply_disabled',
      addressed_unavailable: null,
    });
  });

  it('gives the answer to the bot mentioned first', () => {
    const msg = F.message({ id: 50, text: '@veli_bot ve @ali_bot ne dersiniz?' });
    expect(chooseHumanResponder(input({ message: msg }), sequenceRng([0]))).toMatchObject({
      bot_id: 2,
      reason: 'mentioned',
    });
    const byName = F.message({ id: 50, text: "Selin'e sorayım, Ali de bilir" });
    expect(chooseHumanResponder(input({ message: byName }), sequenceRng([0]))).toMatchObject({
      bot_id: 3,
      reason: 'mentioned',
    });
  });

  it('gives the answer to the bot whose message was replied to', () => {
    const history = [F.message({ id: 40, bot_id: 1, text: 'THYAO alınır' })];
    const msg = F.message({ id: 50, text: 'neden?', reply_to_id: 40 });
    expect(chooseHumanResponder(input({ message: msg, history }), sequenceRng([0]))).toEqual({
      bot_id: 1,
      reason: 'replied_to',
      addressed_unavailable: null,
    });
  });

  it('lets the best-fitting bot answer when the addressed one cannot speak', () => {
    const msg = F.message({ id: 50, text: '@ali_bot bitcoin ne olur?' });
    const paused = { ...ali, status: 'paused' as const };
    expect(
      chooseHumanResponder(
        input({ message: msg, bots: [paused, veli, empathic] }),
        sequenceRng([0]),
      ),
    ).toEqual({
      bot_id: 2,
      reason: 'best_score',
      addressed_unavailable: { bot_id: 1, reason: 'not_active' },
    });
  });

  it('prefers watchlist overlap and empathy with distress among unaddressed bots', () => {
    const crypto = F.message({ id: 50, text: 'BTC nereye gider' });
    expect(chooseHumanResponder(input({ message: crypto }), sequenceRng([0.99]))).toMatchObject({
      bot_id: 2,
    });
    const distress = F.message({ id: 50, text: 'çok zarar ettim, panik oldum' });
    expect(chooseHumanResponder(input({ message: distress }), sequenceRng([0.99]))).toMatchObject({
      bot_id: 3,
    });
  });

  it('draws among equally fitting bots and may pick the previous author', () => {
    const history = [F.message({ id: 40, bot_id: 1, text: 'merhaba' })];
    const bots = [ali, F.bot({ id: 4, name: 'Deniz', username: 'deniz_bot' })];
    expect(chooseHumanResponder(input({ bots, history }), sequenceRng([0])).bot_id).toBe(1);
    expect(chooseHumanResponder(input({ bots, history }), sequenceRng([0.99])).bot_id).toBe(4);
  });

  it('answers with nobody when no bot is eligible', () => {
    const bots = [{ ...ali, active_hours: ['20:00-21:00'] }];
    expect(chooseHumanResponder(input({ bots }), sequenceRng([0]))).toEqual({
      bot_id: null,
      reason: 'no_eligible_bot',
      addressed_unavailable: null,
    });
  });
});
