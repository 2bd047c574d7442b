import fc from 'fast-check';
import { normalizeBotPersona } from './bot-persona-normalizer';
import { preparePersonaFields } from './persona-fields.util';

describe('preparePersonaFields', () => {
  it('normalises the variants of SPEC 7.2/7.12 into the stored form', () => {
    const { fields, errors } = preparePersonaFields({
      persona_profile: {
        tone: 'sakin',
        risk_profile: 'agresif',
        watchlist: 'thyao, ASELS',
        style: 'kısa yazar, emojisiz',
      },
      emotion_profile: { empathy: 'yüksek', energy: 0.3, signature_emoji: '🚀📈' },
      speed_profile: {
        delay: { base_delay_seconds: '45', multiplier: 1.5 },
        typing: { wpm: [2, 4] },
      },
      active_hours: ['9:00-12:30'],
    });
    expect(errors).toEqual([]);
    expect(fields.persona_profile).toEqual({
      tone: 'sakin',
      risk_profile: 'yüksek',
      watchlist: ['THYAO', 'ASELS'],
      never_do: [],
      style: {
        emojis: false,
        length: 'kısa',
        disclaimer: false,
        description: 'kısa yazar, emojisiz',
      },
    });
    expect(fields.emotion_profile).toMatchObject({
      empathy: 0.8,
      energy: 0.3,
      signature_emoji: ['🚀', '📈'],
    });
    expect(fields.speed_profile).toEqual({
      delay: { base_delay_seconds: 45, multiplier: 1.5, jitter: 0.2 },
      typing: { wpm: { min: 2, max: 4 }, multiplier: 1 },
    });
    expect(fields.active_hours).toEqual(['09:00-12:30']);
  });

  it("reads the original's commented words and written-out disclaimers", () => {
    const { fields, errors } = preparePersonaFields({
      persona_profile: {
        risk_profile: 'çok düşük risk, öğreniyor',
        style: { emojis: 'evet', length: 'kısa-orta', disclaimer: 'yatırım tavsiyesi değildir' },
      },
      emotion_profile: { empathy: 'yüksek - yeni başlayanları dinler', energy: 'düşük tempo' },
    });
    expect(errors).toEqual([]);
    expect(fields.persona_profile).toMatchObject({
      risk_profile: 'düşük',
      style: { emojis: true, length: 'kısa', disclaimer: true },
    });
    expect(fields.emotion_profile).toMatchObject({ empathy: 0.8, energy: 0.2 });
  });

  it('leaves absent fields absent (a PATCH changes only what it names)', () => {
    const { fields } = preparePersonaFields({ emotion_profile: { tone: 'neşeli' } });
    expect(Object.keys(fields)).toEqual(['emotion_profile']);
  });

  it('names each clearly wrong value, renamed by the label', () => {
    const { fields, errors } = preparePersonaFields(
      {
        persona_profile: { risk_profile: 'mor', watchlist: [42] },
        speed_profile: { typing: { wpm: { min: 5, max: 2 } } },
      },
      (f) => `bots[1].${f}`,
    );
    expect(fields).toEqual({});
    expect(errors.map((e) => e.field)).toEqual([
      'bots[1].persona_profile.risk_profile',
      'bots[1].persona_profile.watchlist[0]',
      'bots[1].speed_profile.typing.wpm',
    ]);
  });

  it('stores what the engine reads: normalising the stored form changes nothing', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            persona_profile: fc.jsonValue({ maxDepth: 3 }),
            emotion_profile: fc.jsonValue({ maxDepth: 3 }),
            speed_profile: fc.jsonValue({ maxDepth: 3 }),
            active_hours: fc.jsonValue({ maxDepth: 2 }),
          },
          { requiredKeys: [] },
        ),
        (input) => {
          const first = preparePersonaFields(input);
          if (first.errors.length > 0) {
            return;
          }
          const again = preparePersonaFields(first.fields);
          expect(again.errors).toEqual([]);
          expect(again.fields).toEqual(first.fields);
          expect(again.warnings).toEqual([]);
          // The engine's read-side normalisation sees exactly the stored values.
          const engine = normalizeBotPersona(first.fields).value;
          expect(normalizeBotPersona(input).value).toEqual(engine);
        },
      ),
      { numRuns: 300 },
    );
  });
});
