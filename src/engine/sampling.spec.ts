import { DEFAULT_TEMPERATURE_BAND, samplingFor } from './sampling';

describe('samplingFor', () => {
  const calm = { risk_profile: 'düşük' as const };
  const bold = { risk_profile: 'yüksek' as const };

  it('keeps fixed top_p and frequency_penalty for chat generation', () => {
    expect(samplingFor(calm, { energy: 0.5 }, 'message', 'medium')).toMatchObject({
      top_p: 0.92,
      frequency_penalty: 0.3,
    });
  });

  it('stays inside the default 0.7–1.1 band for every persona and situation', () => {
    for (const persona of [calm, { risk_profile: 'orta' as const }, bold]) {
      for (const energy of [0, 0.5, 1, Number.NaN, 7]) {
        for (const situation of ['message', 'human_reply', 'paraphrase', 'rewrite'] as const) {
          for (const length of ['short', 'medium', 'long'] as const) {
            const { temperature } = samplingFor(persona, { energy }, situation, length);
            expect(temperature).toBeGreaterThanOrEqual(DEFAULT_TEMPERATURE_BAND.min);
            expect(temperature).toBeLessThanOrEqual(DEFAULT_TEMPERATURE_BAND.max);
          }
        }
      }
    }
  });

  it('runs bolder, more energetic personas hotter and long messages cooler', () => {
    const low = samplingFor(calm, { energy: 0.2 }, 'message', 'medium').temperature;
    const high = samplingFor(bold, { energy: 0.9 }, 'message', 'medium').temperature;
    expect(high).toBeGreaterThan(low);
    expect(samplingFor(bold, { energy: 0.9 }, 'message', 'long').temperature).toBeLessThan(high);
    expect(samplingFor(bold, { energy: 0.9 }, 'human_reply', 'medium').temperature).toBeLessThan(
      high,
    );
  });

  it('grows max_tokens with length and honours a custom band', () => {
    const short = samplingFor(calm, { energy: 0.5 }, 'message', 'short').max_tokens;
    const long = samplingFor(calm, { energy: 0.5 }, 'message', 'long').max_tokens;
    expect(long).toBeGreaterThan(short);
    const custom = samplingFor(bold, { energy: 1 }, 'paraphrase', 'short', { min: 1.2, max: 1.5 });
    expect(custom.temperature).toBe(1.5);
    const swapped = samplingFor(calm, { energy: 0 }, 'rewrite', 'long', { min: 0.9, max: 0.5 });
    expect(swapped.temperature).toBe(0.5);
  });

  it('is near-deterministic for the guard and the news brief', () => {
    expect(samplingFor(bold, { energy: 1 }, 'consistency_check', 'long')).toEqual({
      temperature: 0.1,
      max_tokens: 120,
      top_p: 0.92,
      frequency_penalty: 0,
    });
    expect(samplingFor(bold, { energy: 1 }, 'news_brief', 'short').temperature).toBe(0.3);
  });
});
