import fc from 'fast-check';
import { PersonaProfile } from '../../engine/engine-types';
import { MAX_WATCHLIST, normalizePersonaProfile } from './persona-normalizer';

function isValidPersona(p: PersonaProfile): boolean {
  return (
    typeof p.tone === 'string' &&
    p.tone.length > 0 &&
    p.tone.length <= 200 &&
    ['düşük', 'orta', 'yüksek'].includes(p.risk_profile) &&
    Array.isArray(p.watchlist) &&
    p.watchlist.length <= MAX_WATCHLIST &&
    p.watchlist.every((s) => /^[A-Z0-9]{2,12}$/.test(s)) &&
    new Set(p.watchlist).size === p.watchlist.length &&
    p.never_do.length <= 20 &&
    p.never_do.every((s) => typeof s === 'string' && s.length <= 200) &&
    typeof p.style.emojis === 'boolean' &&
    typeof p.style.disclaimer === 'boolean' &&
    ['kısa', 'orta', 'uzun'].includes(p.style.length) &&
    typeof p.style.description === 'string' &&
    p.style.description.length <= 500
  );
}

describe('normalizePersonaProfile', () => {
  it('fills every field with defaults for an empty or missing profile', () => {
    for (const raw of [undefined, null, {}]) {
      expect(normalizePersonaProfile(raw)).toEqual({
        value: {
          tone: 'samimi',
          risk_profile: 'orta',
          watchlist: [],
          never_do: [],
          style: { emojis: true, length: 'orta', disclaimer: false, description: '' },
        },
        warnings: [],
      });
    }
  });

  it('keeps a well-formed profile as it is', () => {
    const raw = {
      tone: 'sakin, analitik',
      risk_profile: 'düşük',
      watchlist: ['THYAO', 'USDTRY'],
      never_do: ['kesin getiri vaat etmek'],
      style: { emojis: false, length: 'kısa', disclaimer: true },
    };
    const { value, warnings } = normalizePersonaProfile(raw);
    expect(warnings).toEqual([]);
    expect(value).toEqual({ ...raw, style: { ...raw.style, description: '' } });
  });

  it('accepts style as the original plain string', () => {
    const { value } = normalizePersonaProfile({
      style: 'Kısa ve net yazar, emoji kullanmaz, YTD notu düşer',
    });
    expect(value.style).toEqual({
      description: 'Kısa ve net yazar, emoji kullanmaz, YTD notu düşer',
      length: 'kısa',
      emojis: false,
      disclaimer: true,
    });
    expect(normalizePersonaProfile({ style: 'uzun uzun anlatır 🚀' }).value.style).toMatchObject({
      length: 'uzun',
      emojis: true,
      disclaimer: false,
    });
  });

  it('reads style objects with string booleans, English lengths and character counts', () => {
    expect(
      normalizePersonaProfile({ style: { emojis: 'false', length: 'long', disclaimer: 'evet' } })
        .value.style,
    ).toEqual({ emojis: false, length: 'uzun', disclaimer: true, description: '' });
    expect(normalizePersonaProfile({ style: { length: 80, emojis: 2 } }).value.style).toMatchObject(
      { length: 'kısa', emojis: true },
    );
    expect(normalizePersonaProfile({ style: { length: 500 } }).value.style.length).toBe('uzun');
  });

  it('warns and uses defaults for unusable style values', () => {
    const { value, warnings } = normalizePersonaProfile({
      style: { emojis: 'belki', length: [] },
    });
    expect(value.style).toMatchObject({ emojis: true, length: 'orta' });
    expect(warnings).toHaveLength(2);
    expect(normalizePersonaProfile({ style: 42 }).warnings[0]).toMatch(/^persona_profile.style:/);
  });

  it('normalises the watchlist: list or text, canonical symbols, de-duplicated, capped', () => {
    expect(
      normalizePersonaProfile({ watchlist: 'thyao, asels;USD/TRY  btc' }).value.watchlist,
    ).toEqual(['THYAO', 'ASELS', 'USDTRY', 'BTC']);
    expect(
      normalizePersonaProfile({ watchlist: 'gram altın, THYAO ASELS, aapl msft' }).value.watchlist,
    ).toEqual(['XAUTRY', 'THYAO', 'ASELS', 'AAPL', 'MSFT']);
    expect(
      normalizePersonaProfile({ watchlist: ['garan', 'GARAN', 'Gram Altın'] }).value.watchlist,
    ).toEqual(['GARAN', 'XAUTRY']);
    const many = Array.from({ length: 30 }, (_, i) => `SYM${i}`);
    const { value, warnings } = normalizePersonaProfile({ watchlist: many });
    expect(value.watchlist).toHaveLength(MAX_WATCHLIST);
    expect(warnings).toContain('persona_profile.watchlist: kept the first 20 of 30 symbols');
  });

  it('drops watchlist entries that are not symbols', () => {
    const { value, warnings } = normalizePersonaProfile({ watchlist: ['THYAO', '???', { a: 1 }] });
    expect(value.watchlist).toEqual(['THYAO']);
    expect(warnings).toHaveLength(2);
  });

  it('reads risk words in Turkish and English and numbers', () => {
    const risk = (r: unknown): string =>
      normalizePersonaProfile({ risk_profile: r }).value.risk_profile;
    expect(risk('yüksek')).toBe('yüksek');
    expect(risk('Agresif')).toBe('yüksek');
    expect(risk('aggressive trader')).toBe('yüksek');
    expect(risk('low')).toBe('düşük');
    expect(risk('temkinli')).toBe('düşük');
    expect(risk('moderate')).toBe('orta');
    expect(risk(0.9)).toBe('yüksek');
    expect(risk(2)).toBe('düşük');
    expect(risk('???')).toBe('orta');
    expect(normalizePersonaProfile({ risk: 'high' }).value.risk_profile).toBe('yüksek');
  });

  it('caps huge strings', () => {
    const { value, warnings } = normalizePersonaProfile({
      tone: 'a'.repeat(100000),
      never_do: ['b'.repeat(1000)],
    });
    expect(value.tone).toHaveLength(200);
    expect(value.never_do[0]).toHaveLength(200);
    expect(warnings).toHaveLength(2);
  });

  it('reports a profile that is not an object', () => {
    const { value, warnings } = normalizePersonaProfile('just text');
    expect(value.tone).toBe('samimi');
    expect(warnings).toEqual(['persona_profile: "just text" is not an object, using defaults']);
  });

  it('never throws and always yields a valid profile for any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (raw) =>
        isValidPersona(normalizePersonaProfile(raw).value),
      ),
      { numRuns: 300 },
    );
  });

  it('never throws for profile-shaped junk', () => {
    const junk = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 2000 }));
    fc.assert(
      fc.property(
        fc.record(
          {
            tone: junk,
            risk_profile: junk,
            watchlist: junk,
            never_do: junk,
            style: fc.oneof(junk, fc.record({ emojis: junk, length: junk, disclaimer: junk })),
          },
          { requiredKeys: [] },
        ),
        (raw) => isValidPersona(normalizePersonaProfile(raw).value),
      ),
      { numRuns: 300 },
    );
  });
});
