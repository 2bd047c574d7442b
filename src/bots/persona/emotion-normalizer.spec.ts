import fc from 'fast-check';
import { EmotionProfile } from '../../engine/engine-types';
import { normalizeEmotionProfile } from './emotion-normalizer';

function isValidEmotion(e: EmotionProfile): boolean {
  return (
    typeof e.tone === 'string' &&
    e.tone.length > 0 &&
    e.empathy >= 0 &&
    e.empathy <= 1 &&
    e.energy >= 0 &&
    e.energy <= 1 &&
    e.signature_emoji.length <= 8 &&
    e.signature_emoji.every((s) => typeof s === 'string' && s.length > 0 && s.length <= 64) &&
    e.signature_phrases.length <= 12 &&
    e.signature_phrases.every((s) => s.length <= 200) &&
    e.anecdotes.length <= 12 &&
    e.anecdotes.every((s) => s.length <= 400)
  );
}

describe('normalizeEmotionProfile', () => {
  it('fills defaults', () => {
    expect(normalizeEmotionProfile(undefined)).toEqual({
      value: {
        tone: 'dengeli',
        empathy: 0.5,
        energy: 0.5,
        signature_emoji: [],
        signature_phrases: [],
        anecdotes: [],
      },
      warnings: [],
    });
  });

  it('reads empathy and energy as numbers or words', () => {
    expect(normalizeEmotionProfile({ empathy: 'yüksek', energy: 'low' }).value).toMatchObject({
      empathy: 0.8,
      energy: 0.2,
    });
    expect(normalizeEmotionProfile({ empathy: 0.3, energy: 'Orta' }).value).toMatchObject({
      empathy: 0.3,
      energy: 0.5,
    });
    expect(normalizeEmotionProfile({ empathy: 'düşük', energy: 'high' }).value).toMatchObject({
      empathy: 0.2,
      energy: 0.8,
    });
    const odd = normalizeEmotionProfile({ empathy: 'sometimes', energy: 8 });
    expect(odd.value).toMatchObject({ empathy: 0.5, energy: 0.8 });
    expect(odd.warnings).toHaveLength(2);
  });

  it('accepts signature_emoji as a string, a run of emoji or a list', () => {
    expect(normalizeEmotionProfile({ signature_emoji: '🚀' }).value.signature_emoji).toEqual([
      '🚀',
    ]);
    expect(normalizeEmotionProfile({ signature_emoji: '🚀📈' }).value.signature_emoji).toEqual([
      '🚀',
      '📈',
    ]);
    expect(normalizeEmotionProfile({ signature_emoji: '🚀, 📉 🤔' }).value.signature_emoji).toEqual(
      ['🚀', '📉', '🤔'],
    );
    expect(
      normalizeEmotionProfile({ signature_emoji: ['👍🏽', '🇹🇷', '👍🏽', ':)'] }).value.signature_emoji,
    ).toEqual(['👍🏽', '🇹🇷', ':)']);
    expect(normalizeEmotionProfile({ signature_emojis: ['🔥'] }).value.signature_emoji).toEqual([
      '🔥',
    ]);
  });

  it('caps the emoji list', () => {
    const { value, warnings } = normalizeEmotionProfile({
      signature_emoji: '😀😁😂🤣😃😄😅😆😉😊',
    });
    expect(value.signature_emoji).toHaveLength(8);
    expect(warnings).toHaveLength(1);
  });

  it('reads phrases and anecdotes as lists or text', () => {
    const { value } = normalizeEmotionProfile({
      signature_phrases: 'sabır kazandırır; trend dostundur',
      anecdotes: ['2018 kur şokunda panik yapmadım', 42],
    });
    expect(value.signature_phrases).toEqual(['sabır kazandırır', 'trend dostundur']);
    expect(value.anecdotes).toEqual(['2018 kur şokunda panik yapmadım', '42']);
  });

  it('never throws and always yields a valid profile for any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (raw) =>
        isValidEmotion(normalizeEmotionProfile(raw).value),
      ),
      { numRuns: 300 },
    );
    const junk = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.string({ unit: 'binary', maxLength: 500 }),
    );
    fc.assert(
      fc.property(
        fc.record(
          {
            tone: junk,
            empathy: junk,
            energy: junk,
            signature_emoji: junk,
            signature_phrases: junk,
            anecdotes: junk,
          },
          { requiredKeys: [] },
        ),
        (raw) => isValidEmotion(normalizeEmotionProfile(raw).value),
      ),
      { numRuns: 300 },
    );
  });
});
