import { StanceView } from './engine-types';
import { sequenceRng } from './random.util';
import { PlannerFactory as F } from './testing/planner-factories';
import { chooseTopic, scoreTopics, TopicInput } from './topic-selection';

const NOW = new Date('2026-01-15T09:00:00Z');
const cooling = (topic: string, minutes = 30): StanceView => ({
  topic,
  stance_text: 'x',
  confidence: 0.8,
  cooldown_until: new Date(NOW.getTime() + minutes * 60_000),
});

function input(overrides: Partial<TopicInput> = {}): TopicInput {
  return {
    chatTopics: ['BIST', 'FX', 'Kripto', 'Makro'],
    stances: [],
    cooldownFilter: true,
    now: NOW,
    history: [],
    target: null,
    newThread: false,
    ...overrides,
  };
}

describe('scoreTopics', () => {
  it('counts keywords with recency weighting', () => {
    const history = [
      F.message({ id: 1, text: 'bitcoin uçtu' }),
      F.message({ id: 2, text: 'faiz kararı geliyor' }),
    ];
    const scores = scoreTopics(['Kripto', 'Makro', 'FX'], history);
    expect(scores.get('Makro')).toBeCloseTo(1);
    expect(scores.get('Kripto')).toBeCloseTo(2 * 0.85); // "bitcoin" keyword + BTC symbol
    expect(scores.get('FX')).toBe(0);
  });
});

describe('chooseTopic', () => {
  it('picks randomly without any signal, from the defaults when the chat has none', () => {
    expect(chooseTopic(input(), sequenceRng([0]))).toEqual({
      topic: 'BIST',
      reason: 'random',
      cooled: [],
      all_cooled: false,
    });
    expect(chooseTopic(input({ chatTopics: [] }), sequenceRng([0.99])).topic).toBe('Makro');
  });

  it('follows the recent history', () => {
    const history = [F.message({ id: 1, text: 'Dolar/TL ve euro kurunda hareket' })];
    expect(chooseTopic(input({ history }), sequenceRng([0.5]))).toMatchObject({
      topic: 'FX',
      reason: 'recent_keywords',
    });
  });

  it("follows a reply target's stored topic, then its text", () => {
    const target = F.message({ id: 1, text: 'THYAO', topic: 'Makro' });
    expect(chooseTopic(input({ target }), sequenceRng([0.5]))).toMatchObject({
      topic: 'Makro',
      reason: 'target',
    });
    const untagged = F.message({ id: 2, text: 'THYAO bugün güçlü' });
    const history = [F.message({ id: 3, text: 'bitcoin bitcoin bitcoin' })];
    expect(chooseTopic(input({ target: untagged, history }), sequenceRng([0.5]))).toMatchObject({
      topic: 'BIST',
      reason: 'target',
    });
  });

  it('skips topics under stance cooldown when the filter is on', () => {
    const history = [F.message({ id: 1, text: 'Dolar/TL ve euro kurunda hareket' })];
    const cooled = chooseTopic(input({ history, stances: [cooling('fx')] }), sequenceRng([0]));
    expect(cooled.topic).not.toBe('FX');
    expect(cooled.cooled).toEqual(['FX']);
    const off = chooseTopic(
      input({ history, stances: [cooling('FX')], cooldownFilter: false }),
      sequenceRng([0]),
    );
    expect(off.topic).toBe('FX');
    const expired = chooseTopic(input({ history, stances: [cooling('FX', -1)] }), sequenceRng([0]));
    expect(expired.topic).toBe('FX');
  });

  it('ignores a cooled stored target topic', () => {
    const target = F.message({ id: 1, text: 'merhaba', topic: 'FX' });
    const choice = chooseTopic(input({ target, stances: [cooling('FX')] }), sequenceRng([0]));
    expect(choice.topic).toBe('BIST');
  });

  it('falls back to all topics when every topic is cooling', () => {
    const stances = ['BIST', 'FX', 'Kripto', 'Makro'].map((t) => cooling(t));
    expect(chooseTopic(input({ stances }), sequenceRng([0]))).toMatchObject({
      topic: 'BIST',
      all_cooled: true,
    });
  });

  it('lets a new thread open another topic, weighted by the history score', () => {
    const history = [F.message({ id: 1, text: 'enflasyon faiz tcmb' })];
    // Makro scores 3, others 0: weights 0.5, 0.5, 0.5, 3.5 of 5.
    expect(chooseTopic(input({ history, newThread: true }), sequenceRng([0.05])).topic).toBe(
      'BIST',
    );
    expect(chooseTopic(input({ history, newThread: true }), sequenceRng([0.05]))).toMatchObject({
      reason: 'random',
    });
    expect(chooseTopic(input({ history, newThread: true }), sequenceRng([0.5]))).toMatchObject({
      topic: 'Makro',
      reason: 'recent_keywords',
    });
  });

  it('de-duplicates and trims chat topics', () => {
    expect(
      chooseTopic(input({ chatTopics: [' Altın ', 'altin', ''] }), sequenceRng([0.9])).topic,
    ).toBe('Altın');
  });
});
