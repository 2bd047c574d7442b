import {
  EXCLUDED_REACTION_EMOJI,
  pickReaction,
  SAFE_REACTION_EMOJI,
  TELEGRAM_REACTION_EMOJI,
  toReactionEmoji,
} from './reaction-picker';

/** Deterministic rng over a fixed cycle of values. */
function cycleRng(values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length];
}

function sequenceRng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('reaction sets', () => {
  it('keeps only Telegram emoji and none of the offensive ones', () => {
    for (const emoji of SAFE_REACTION_EMOJI) {
      expect(TELEGRAM_REACTION_EMOJI).toContain(emoji);
    }
    for (const bad of ['🖕', '💩', '🤮', '🤬', '🤡', '👎']) {
      expect(EXCLUDED_REACTION_EMOJI.has(bad)).toBe(true);
      expect(SAFE_REACTION_EMOJI).not.toContain(bad);
    }
  });

  it('strips the variation selector Telegram does not list', () => {
    expect(toReactionEmoji('❤️')).toBe('❤');
    expect(TELEGRAM_REACTION_EMOJI).toContain(toReactionEmoji('❤️‍🔥'));
  });
});

describe('pickReaction', () => {
  it('answers a loss with sympathy, never with a cheerful emoji', () => {
    for (let seed = 1; seed < 60; seed++) {
      const choice = pickReaction({
        text: 'stop oldum, ciddi zarar yazdım',
        signatureEmoji: ['🔥', '🚀'],
        rng: sequenceRng(seed),
      });
      expect(choice.mood).toBe('distress');
      expect(['😢', '🙏', '💔', '😭', '🤗', '😨']).toContain(choice.emoji);
    }
  });

  it('celebrates a rally and can use the persona signature emoji', () => {
    const withSignature = pickReaction({
      text: 'THYAO uçtu 🚀',
      signatureEmoji: ['🔥'],
      rng: cycleRng([0.1, 0.5, 0.5]),
    });
    expect(withSignature).toMatchObject({ emoji: '🔥', mood: 'euphoric' });
    const fromPool = pickReaction({
      text: 'THYAO uçtu 🚀',
      signatureEmoji: ['🔥'],
      rng: cycleRng([0.9, 0, 0]),
    });
    expect(fromPool.emoji).toBe('🔥');
  });

  it('ignores signature emoji that are not valid reactions (🚀, 📈)', () => {
    for (let seed = 1; seed < 40; seed++) {
      const choice = pickReaction({
        text: 'yükseliş güzel',
        signatureEmoji: ['🚀', '📈'],
        rng: sequenceRng(seed),
      });
      expect(choice.emoji).not.toBeNull();
      expect(SAFE_REACTION_EMOJI).toContain(choice.emoji);
    }
  });

  it('reacts to questions with a thinking face and to emoji-only text neutrally', () => {
    expect(
      pickReaction({ text: 'sizce faiz ne olur?', signatureEmoji: [], rng: cycleRng([0.9, 0]) })
        .mood,
    ).toBe('question');
    expect(pickReaction({ text: '🫡', signatureEmoji: [], rng: cycleRng([0.9, 0]) }).mood).toBe(
      'neutral',
    );
  });

  it('respects a chat restricted reaction list and falls back to text when none fits', () => {
    const restricted = pickReaction({
      text: 'harika haber',
      signatureEmoji: [],
      rng: cycleRng([0.9, 0.3]),
      allowed: ['👍'],
    });
    expect(restricted.emoji).toBe('👍');
    const none = pickReaction({
      text: 'harika haber',
      signatureEmoji: [],
      rng: cycleRng([0.9, 0.3]),
      allowed: ['💩'],
    });
    expect(none.emoji).toBeNull();
    expect(none.fallbackText.length).toBeGreaterThan(0);
  });

  it('is deterministic for the same rng sequence', () => {
    const a = pickReaction({ text: 'BIST çakıldı', signatureEmoji: [], rng: sequenceRng(7) });
    const b = pickReaction({ text: 'BIST çakıldı', signatureEmoji: [], rng: sequenceRng(7) });
    expect(a).toEqual(b);
  });
});
