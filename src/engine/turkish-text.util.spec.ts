import {
  englishShare,
  foldTurkish,
  looksTurkish,
  lowerFirst,
  trLower,
  trUpper,
  trWords,
  upperFirst,
  withSuffix,
} from './turkish-text.util';

describe('Turkish case mapping', () => {
  it('maps I/ı and İ/i the Turkish way', () => {
    expect(trLower('IĞDIR İZMİR')).toBe('ığdır izmir');
    expect(trUpper('istanbul ılık')).toBe('İSTANBUL ILIK');
    expect(lowerFirst('Işık yandı')).toBe('ışık yandı');
    expect(upperFirst('iyi')).toBe('İyi');
    expect(lowerFirst('')).toBe('');
    expect(upperFirst('🚀 uçtu')).toBe('🚀 uçtu');
  });

  it('folds Turkish letters and splits words without punctuation or emoji', () => {
    expect(foldTurkish('çığ öşü')).toBe('cig osu');
    expect(trWords('THYAO, %5 yükseldi! 🚀')).toEqual(['thyao', '5', 'yükseldi']);
  });
});

describe('language checks', () => {
  it('scores English text high and Turkish text zero', () => {
    expect(englishShare('I think the market will go up, you should buy this')).toBeGreaterThan(0.4);
    expect(englishShare('bence piyasa yukarı gider, bu seviyeden alım olur')).toBe(0);
    expect(englishShare('🚀🚀')).toBe(0);
  });

  it('recognises Turkish headlines', () => {
    expect(looksTurkish('Merkez Bankası faizi sabit bıraktı')).toBe(true);
    expect(looksTurkish('Fed holds rates steady as inflation cools')).toBe(false);
    expect(looksTurkish('The market is up')).toBe(false);
  });
});

describe('withSuffix', () => {
  it.each([
    ['THYAO', 'ablative', "THYAO'dan"],
    ['ASELS', 'ablative', "ASELS'ten"],
    ['GARAN', 'locative', "GARAN'da"],
    ['USD', 'ablative', "USD'den"],
    ['BTC', 'dative', "BTC'ye"],
    ['TCMB', 'ablative', "TCMB'den"],
    ['Ali', 'dative', "Ali'ye"],
    ['Ayşe', 'accusative', "Ayşe'yi"],
    ['Mehmet', 'dative', "Mehmet'e"],
    ['Burak', 'accusative', "Burak'ı"],
    ['BIST100', 'ablative', "BIST100'den"],
    ['USD/TRY', 'locative', "USD/TRY'de"],
    ['AVAX', 'locative', "AVAX'ta"],
    ['faiz', 'locative', 'faizde'],
    ['gümüş', 'dative', 'gümüşe'],
  ] as const)('%s + %s → %s', (word, grammaticalCase, expected) => {
    expect(withSuffix(word, grammaticalCase)).toBe(expected);
  });
});
