import fc from 'fast-check';
import { humanize, HumanizerBot, protectedTokens, voiceProfileFor } from './humanizer';

function bot(overrides: Partial<HumanizerBot> = {}): HumanizerBot {
  return {
    id: 7,
    name: 'Kemal',
    persona: {
      risk_profile: 'orta',
      style: { emojis: true, length: 'kısa', disclaimer: false, description: '' },
    },
    emotion: { energy: 0.8, signature_emoji: ['🚀', '📈'] },
    ...overrides,
  };
}

const on = { enabled: true, imperfectionProbability: 0.3 };

describe('voiceProfileFor', () => {
  it('is deterministic per bot and differs between bots', () => {
    expect(voiceProfileFor(bot())).toEqual(voiceProfileFor(bot()));
    const profiles = [1, 2, 3, 4, 5, 6].map((id) =>
      JSON.stringify(voiceProfileFor(bot({ id, name: `Bot${id}` }))),
    );
    expect(new Set(profiles).size).toBe(6);
  });

  it('has no emoji habit when the persona writes without emoji', () => {
    const plain = bot({
      persona: {
        risk_profile: 'düşük',
        style: { emojis: false, length: 'orta', disclaimer: true, description: '' },
      },
    });
    expect(voiceProfileFor(plain)).toMatchObject({ emojiHabit: 0, signatureEmoji: [] });
  });
});

describe('humanize', () => {
  const text = 'Bence THYAO 300 direncini kırarsa bir hareket gelir, tamam mı.';

  it('does nothing when disabled or empty', () => {
    expect(humanize(text, bot(), { ...on, enabled: false, seed: 1 })).toEqual({
      text,
      applied: [],
    });
    expect(humanize('  ', bot(), { ...on, seed: 1 }).text).toBe('  ');
  });

  it('is deterministic per (bot, seed)', () => {
    for (let seed = 0; seed < 20; seed++) {
      expect(humanize(text, bot(), { ...on, seed })).toEqual(
        humanize(text, bot(), { ...on, seed }),
      );
    }
  });

  it('varies across seeds, in moderation', () => {
    const outputs = new Set<string>();
    let untouchedWording = 0;
    for (let seed = 0; seed < 200; seed++) {
      const result = humanize(text, bot(), { ...on, seed });
      outputs.add(result.text);
      const wording = result.applied.filter((a) => ['opener', 'hedge', 'filler'].includes(a));
      expect(wording.length).toBeLessThanOrEqual(2);
      if (wording.length === 0) {
        untouchedWording++;
      }
    }
    expect(outputs.size).toBeGreaterThan(10);
    // Most messages keep their wording at the default intensity.
    expect(untouchedWording).toBeGreaterThan(80);
  });

  it('applies no wording touches or typos at probability 0', () => {
    for (let seed = 0; seed < 100; seed++) {
      const result = humanize(text, bot(), { enabled: true, imperfectionProbability: 0, seed });
      expect(result.applied).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/opener|hedge|filler|shortcuts|typo/)]),
      );
    }
  });

  it('writes colloquial shortcuts and typo corrections on a second line', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 400; seed++) {
      const result = humanize('Yarın bakacağım, bir şey olacak gibi geliyor', bot(), {
        enabled: true,
        imperfectionProbability: 1,
        seed,
      });
      result.applied.forEach((a) => seen.add(a));
      if (result.applied.includes('typo_correction')) {
        const [line, correction] = result.text.split('\n');
        expect(correction).toMatch(/^\*\p{Ll}{5,}$/u);
        expect(line).not.toContain(correction.slice(1));
      }
      if (result.applied.includes('shortcuts')) {
        expect(result.text).toMatch(/bakcam|bi |olcak|geliyo/);
      }
    }
    expect([...seen]).toEqual(
      expect.arrayContaining(['opener', 'shortcuts', 'typo_correction', 'emoji']),
    );
  });

  it('puts the opener after a leading @mention and lower-cases the first word', () => {
    let found = false;
    for (let seed = 0; seed < 100 && !found; seed++) {
      const result = humanize('@ayse_k Haklısın, bekleyelim', bot(), { ...on, seed });
      if (result.applied.includes('opener')) {
        expect(result.text).toMatch(/^@ayse_k [\p{Ll} ]+,? haklısın, bekleyelim$/u);
        found = true;
      }
    }
    expect(found).toBe(true);
  });

  it('never damages tickers, numbers, links or @mentions', () => {
    const word = fc.constantFrom(
      'bir',
      'tamam',
      'geliyor',
      'bence',
      'yükseliş',
      'direnç',
      'haftalık',
      'kapanış',
      'Bankalar',
      'gerçekten',
      'olacak',
      'değil',
      'mi',
      'herhalde',
      've',
      'ama',
    );
    const guarded = fc.constantFrom(
      'THYAO',
      'USD/TRY',
      'BIST100',
      '285,50',
      '%3,2',
      '1.250',
      '@kemal_bey',
      '@bir',
      'https://kap.org.tr/bir',
      "ASELS'ten",
      '09:30',
      '🚀',
      'EREGL',
    );
    const token = fc.oneof(word, guarded);
    fc.assert(
      fc.property(
        fc.array(token, { minLength: 1, maxLength: 14 }),
        fc.integer(),
        (tokens, seed) => {
          const input = tokens.join(' ') + '.';
          const result = humanize(input, bot(), {
            enabled: true,
            imperfectionProbability: 1,
            seed,
          });
          const firstLine = result.text.split('\n')[0];
          const expected = protectedTokens(input).filter(
            (t) => !/^\p{Extended_Pictographic}/u.test(t),
          );
          const actual = protectedTokens(firstLine).filter(
            (t) => !/^\p{Extended_Pictographic}/u.test(t),
          );
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('handles emoji-only and very long text', () => {
    for (let seed = 0; seed < 30; seed++) {
      expect(humanize('🚀🚀', bot(), { ...on, seed }).text).toBe('🚀🚀');
    }
    const long = 'piyasa bugün sakin, '.repeat(300);
    expect(humanize(long, bot(), { ...on, seed: 3 }).text.length).toBeGreaterThan(long.length - 5);
  });
});
