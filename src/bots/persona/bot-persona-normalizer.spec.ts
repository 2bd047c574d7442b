import fc from 'fast-check';
import { normalizeBotPersona } from './bot-persona-normalizer';
import { defaultSpeedProfile } from './speed-profile-normalizer';

describe('normalizeBotPersona', () => {
  it('normalises every persona field of a bot and gathers the warnings', () => {
    const { value, warnings } = normalizeBotPersona({
      persona_profile: { style: 'kısa yazar', watchlist: 'THYAO' },
      emotion_profile: { empathy: 'yüksek', signature_emoji: ['🚀'] },
      speed_profile: { delay: { base_delay_seconds: 1 } },
      active_hours: ['09:00-18:00', 'bad'],
    });
    expect(value.persona.style.length).toBe('kısa');
    expect(value.persona.watchlist).toEqual(['THYAO']);
    expect(value.emotion.empathy).toBe(0.8);
    expect(value.speed.base_delay_seconds).toBe(3);
    expect(value.active_hours).toEqual(['09:00-18:00']);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^speed_profile\.delay\.base_delay_seconds:/);
    expect(warnings[1]).toMatch(/^active_hours:/);
  });

  it('uses defaults for a bot without persona data', () => {
    const { value, warnings } = normalizeBotPersona(null);
    expect(value.speed).toEqual(defaultSpeedProfile());
    expect(value.active_hours).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('never throws for any JSON', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue({ maxDepth: 4 }),
          fc.record(
            {
              persona_profile: fc.jsonValue({ maxDepth: 3 }),
              emotion_profile: fc.jsonValue({ maxDepth: 3 }),
              speed_profile: fc.jsonValue({ maxDepth: 3 }),
              active_hours: fc.jsonValue({ maxDepth: 2 }),
            },
            { requiredKeys: [] },
          ),
        ),
        (raw) => Array.isArray(normalizeBotPersona(raw).warnings),
      ),
      { numRuns: 300 },
    );
  });
});
