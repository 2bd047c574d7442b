import fc from 'fast-check';
import { validatePersonaInput } from './persona-input.validator';

describe('validatePersonaInput', () => {
  it('accepts an empty body and every documented variant', () => {
    expect(validatePersonaInput({})).toEqual([]);
    expect(
      validatePersonaInput({
        persona_profile: {
          tone: 'sakin',
          risk_profile: 'yüksek',
          watchlist: 'THYAO, usd/try',
          never_do: ['kesin getiri vaat etmek'],
          style: 'kısa yazar',
        },
        emotion_profile: {
          empathy: 'orta',
          energy: 0.7,
          signature_emoji: '🚀',
          signature_phrases: 'sabır; disiplin',
        },
        speed_profile: {
          delay: { base_delay_seconds: 40, multiplier: 1.2, jitter: 0.3 },
          typing: { wpm: { min: 2.5, max: 4.5 }, multiplier: 1 },
        },
        active_hours: ['09:00-18:00', '22:00-02:00'],
      }),
    ).toEqual([]);
    expect(
      validatePersonaInput({
        persona_profile: { style: { emojis: 'false', length: 'long', disclaimer: true } },
        active_hours: '09:00-12:00,14:00-18:00',
      }),
    ).toEqual([]);
  });

  it('accepts the speed variants the normaliser reads', () => {
    expect(validatePersonaInput({ speed_profile: { delay: 45, typing: { wpm: [2, 4] } } })).toEqual(
      [],
    );
    expect(validatePersonaInput({ speed_profile: { typing: { wpm: [3] } } })).toEqual([]);
    expect(
      validatePersonaInput({ speed_profile: { delay: 1, typing: { wpm: [5, 2, 1] } } }).map(
        (e) => e.field,
      ),
    ).toEqual(['speed_profile.delay', 'speed_profile.typing.wpm']);
    expect(
      validatePersonaInput({ speed_profile: { typing: { wpm: [5, 'x'] } } }).map((e) => e.field),
    ).toEqual(['speed_profile.typing.wpm[1]']);
    expect(
      validatePersonaInput({ speed_profile: { typing: { wpm: [5, 2] } } }).map((e) => e.field),
    ).toEqual(['speed_profile.typing.wpm']);
  });

  it('accepts risk words and scores, rejects unknown ones', () => {
    for (const ok of ['yüksek', 'Agresif', 'low', 'temkinli yatırımcı', 0.4, 7]) {
      expect(validatePersonaInput({ persona_profile: { risk_profile: ok } })).toEqual([]);
    }
    for (const bad of ['purple', -1, 50, true, {}]) {
      expect(validatePersonaInput({ persona_profile: { risk_profile: bad } })).toEqual([
        {
          field: 'persona_profile.risk_profile',
          reason: 'must be one of düşük, orta, yüksek (low, medium, high)',
        },
      ]);
    }
  });

  it('rejects a body that is not an object', () => {
    expect(validatePersonaInput([])).toEqual([{ field: 'body', reason: 'must be an object' }]);
  });

  it('names each clearly wrong field', () => {
    const errors = validatePersonaInput({
      persona_profile: {
        tone: 5,
        risk_profile: [],
        watchlist: ['THYAO', 7, '!!'],
        style: { emojis: 'sometimes', length: 'huge' },
      },
      emotion_profile: { empathy: 'purple', energy: 3, signature_emoji: {} },
      speed_profile: {
        delay: { base_delay_seconds: 0, jitter: 2 },
        typing: { wpm: { min: 5, max: 3 }, multiplier: 'x' },
      },
      active_hours: ['9-17', '10:00-10:00'],
    });
    expect(errors.map((e) => e.field)).toEqual([
      'persona_profile.tone',
      'persona_profile.risk_profile',
      'persona_profile.watchlist[1]',
      'persona_profile.watchlist[2]',
      'persona_profile.style.emojis',
      'persona_profile.style.length',
      'emotion_profile.empathy',
      'emotion_profile.energy',
      'emotion_profile.signature_emoji',
      'speed_profile.delay.base_delay_seconds',
      'speed_profile.delay.jitter',
      'speed_profile.typing.multiplier',
      'speed_profile.typing.wpm',
      'active_hours[0]',
      'active_hours[1]',
    ]);
    expect(errors.every((e) => e.reason.length > 0)).toBe(true);
  });

  it('rejects wrong container types', () => {
    expect(
      validatePersonaInput({
        persona_profile: 'x',
        emotion_profile: [],
        speed_profile: 3,
        active_hours: 5,
      }).map((e) => e.field),
    ).toEqual(['persona_profile', 'emotion_profile', 'speed_profile', 'active_hours']);
    expect(
      validatePersonaInput({ speed_profile: { delay: 'x', typing: [] } }).map((e) => e.field),
    ).toEqual(['speed_profile.delay', 'speed_profile.typing']);
  });

  it('rejects oversized values', () => {
    const errors = validatePersonaInput({
      persona_profile: {
        tone: 'x'.repeat(201),
        watchlist: Array.from({ length: 21 }, () => 'THYAO'),
      },
      emotion_profile: { anecdotes: ['y'.repeat(401)] },
    });
    expect(errors).toEqual([
      { field: 'persona_profile.tone', reason: 'must be at most 200 characters' },
      { field: 'persona_profile.watchlist', reason: 'must have at most 20 items' },
      { field: 'emotion_profile.anecdotes[0]', reason: 'must be at most 400 characters' },
    ]);
  });

  it('never throws for any JSON', () => {
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
        (raw) => Array.isArray(validatePersonaInput(raw)),
      ),
      { numRuns: 300 },
    );
  });
});
