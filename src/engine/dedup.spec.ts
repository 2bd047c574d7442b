import {
  findNearDuplicate,
  jaccard,
  NEAR_DUPLICATE_THRESHOLD,
  ngramSet,
  normalizeForDedup,
  textSimilarity,
} from './dedup';

describe('normalizeForDedup', () => {
  it('lower-cases Turkish dotted and dotless I correctly and folds to ASCII', () => {
    expect(normalizeForDedup('IŞIK İSTANBUL')).toBe('isik istanbul');
    expect(normalizeForDedup('Çok güzel ŞİMDİ')).toBe('cok guzel simdi');
  });

  it('drops mentions, links, emoji, punctuation and number formatting', () => {
    expect(normalizeForDedup('@ali_bey THYAO 1.234,50 TL!! 🚀🚀 https://x.co/a')).toBe(
      'thyao 123450 tl',
    );
    expect(normalizeForDedup('1,234.50')).toBe(normalizeForDedup('1.234,50'));
  });

  it('returns an empty string for emoji-only and whitespace text', () => {
    expect(normalizeForDedup('🚀🔥 📉')).toBe('');
    expect(normalizeForDedup('   \n ')).toBe('');
  });
});

describe('similarity', () => {
  it('is 1 for texts equal after normalisation and 0 for empty sets', () => {
    expect(textSimilarity('THYAO uçuyor!', 'thyao uçuyor 🚀')).toBe(1);
    expect(jaccard(new Set(), ngramSet('abc'))).toBe(0);
  });

  it('separates cheap paraphrases from different messages on the same symbol', () => {
    const base = 'THYAO 300 direncini kırarsa haftalık kapanışta yeni zirve görebiliriz';
    const paraphrases = [
      'bence THYAO 300 direncini kırarsa haftalık kapanışta yeni zirve görebiliriz 🚀',
      'THYAO 300 direncini kirarsa haftalik kapanista yeni zirve gorebiliriz.',
      'valla THYAO 300 direncini kırarsa haftalık kapanışta yeni zirve görürüz',
    ];
    const different = [
      'THYAO tarafında hacim düşük, ben biraz kâr aldım açıkçası',
      'THYAO için RSI aşırı alımda, kısa vadede düzeltme beklerim',
      'Bugün bankalar daha güçlü, THYAO biraz geride kaldı',
    ];
    for (const text of paraphrases) {
      expect(textSimilarity(base, text)).toBeGreaterThanOrEqual(NEAR_DUPLICATE_THRESHOLD);
    }
    for (const text of different) {
      expect(textSimilarity(base, text)).toBeLessThan(0.35);
    }
  });
});

describe('findNearDuplicate', () => {
  it('reports no match against an empty list', () => {
    expect(findNearDuplicate('merhaba', [])).toEqual({
      duplicate: false,
      exact: false,
      bestIndex: -1,
      bestMatch: null,
      score: 0,
    });
  });

  it('returns the best match, its index and whether it is exact', () => {
    const recent = ['altın yine rekor kırdı', 'dolar 40 üstünde kalıcı olur mu', 'BTC sakin'];
    const result = findNearDuplicate('Dolar 40 üstünde kalıcı olur mu?', recent);
    expect(result).toMatchObject({ duplicate: true, exact: true, bestIndex: 1, score: 1 });
    expect(result.bestMatch).toBe(recent[1]);
  });

  it('flags a near duplicate and respects a custom threshold', () => {
    const recent = ['faiz kararı öncesi bankalarda sert satış var, dikkatli olmak lazım'];
    const candidate = 'faiz kararı öncesi bankalarda sert satış var, bence dikkatli olmak lazım';
    const hit = findNearDuplicate(candidate, recent);
    expect(hit.duplicate).toBe(true);
    expect(hit.exact).toBe(false);
    expect(hit.score).toBeGreaterThan(0.7);
    expect(findNearDuplicate(candidate, recent, 0.99).duplicate).toBe(false);
  });

  it('treats emoji-only text as a duplicate only of the identical text', () => {
    expect(findNearDuplicate('🚀', ['🚀']).exact).toBe(true);
    expect(findNearDuplicate('🚀', ['🔥']).duplicate).toBe(false);
    expect(findNearDuplicate('🚀', ['roket gibi']).score).toBe(0);
  });

  it('handles very long input', () => {
    const long = 'borsa '.repeat(5000) + 'son';
    const result = findNearDuplicate(long, [long + ' ek']);
    expect(result.duplicate).toBe(true);
  });
});
