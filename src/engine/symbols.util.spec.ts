import fc from 'fast-check';
import { canonicalSymbol, foldTurkish, symbolCategory, symbolsIn } from './symbols.util';

describe('foldTurkish', () => {
  it('lower-cases the Turkish way and strips diacritics, keeping positions', () => {
    expect(foldTurkish('İSCTR ŞİŞE Altın Güçlü')).toBe('isctr sise altin guclu');
    expect(foldTurkish('a😀b')).toHaveLength('a😀b'.length);
  });

  it('keeps the length of any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => foldTurkish(s).length === s.length),
    );
  });
});

describe('symbolsIn', () => {
  it('finds BIST tickers in any case and with Turkish suffixes', () => {
    expect(symbolsIn("THYAO'da hacim var, asels de fena değil, İSCTR?")).toEqual([
      'THYAO',
      'ASELS',
      'ISCTR',
    ]);
  });

  it('finds currency pairs in their usual spellings', () => {
    expect(symbolsIn('USD/TRY 34 üstü')).toEqual(['USDTRY']);
    expect(symbolsIn('usdtry ve EURTRY')).toEqual(['USDTRY', 'EURTRY']);
    expect(symbolsIn('doların seyri, dolar/TL')).toEqual(['USDTRY']);
    expect(symbolsIn('Euro da yükseldi, sterlin sakin')).toEqual(['EURTRY', 'GBPTRY']);
    expect(symbolsIn('EUR/USD paritesi')).toEqual(['EURUSD']);
  });

  it('does not read dollarisation or eurobonds as currency pairs', () => {
    expect(symbolsIn('dolarizasyon ve eurobond ihracı')).toEqual([]);
  });

  it('finds crypto coins', () => {
    expect(symbolsIn('BTC 100k, ethereum da gelir, BTC/USDT')).toEqual(['BTC', 'ETH']);
    expect(symbolsIn('Bitcoin ve Solana')).toEqual(['BTC', 'SOL']);
  });

  it('tells gram gold from ounce gold', () => {
    expect(symbolsIn('gram altın 3000 oldu')).toEqual(['XAUTRY']);
    expect(symbolsIn('Ons altın rekor')).toEqual(['XAU']);
    expect(symbolsIn('altına yatırım, gümüş de')).toEqual(['XAU', 'XAG']);
    expect(symbolsIn('XAU/USD')).toEqual(['XAU']);
  });

  it('finds indices', () => {
    expect(symbolsIn('BIST 100 ve bist30, XU100')).toEqual(['XU100', 'XU030']);
  });

  it('counts ambiguous words only in capitals', () => {
    expect(symbolsIn('ada tatili, sol şerit, mavi gökyüzü, şişe su')).toEqual([]);
    expect(symbolsIn('ADA ve SOL uçtu, MAVI ile SISE düştü')).toEqual([
      'ADA',
      'SOL',
      'MAVI',
      'SISE',
    ]);
  });

  it('accepts explicit cashtags for unknown tickers', () => {
    expect(symbolsIn('$REEDR ne olur')).toEqual(['REEDR']);
    expect(symbolsIn('$reedr')).toEqual([]);
  });

  it('de-duplicates in order of first appearance', () => {
    expect(symbolsIn('GARAN, btc, garan, BTC, akbnk')).toEqual(['GARAN', 'BTC', 'AKBNK']);
  });

  it('returns [] for empty or non-string input', () => {
    expect(symbolsIn('')).toEqual([]);
    expect(symbolsIn(null)).toEqual([]);
    expect(symbolsIn(42)).toEqual([]);
    expect(symbolsIn('bugün hava güzel')).toEqual([]);
  });

  it('never throws and returns upper-case symbols for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) =>
        symbolsIn(s).every((sym) => /^[A-Z0-9]+$/.test(sym)),
      ),
    );
  });

  it('only scans the start of huge texts', () => {
    const huge = 'x '.repeat(10000) + 'THYAO';
    expect(symbolsIn(huge)).toEqual([]);
  });
});

describe('canonicalSymbol', () => {
  it('maps watchlist spellings to the canonical symbol', () => {
    expect(canonicalSymbol('usd/try')).toBe('USDTRY');
    expect(canonicalSymbol(' Gram Altın ')).toBe('XAUTRY');
    expect(canonicalSymbol('thyao')).toBe('THYAO');
    expect(canonicalSymbol('AAPL')).toBe('AAPL');
    expect(canonicalSymbol('brent petrol')).toBe('BRENT');
    expect(canonicalSymbol('ABC-D')).toBe('ABCD');
  });

  it('rejects things that are not symbols', () => {
    expect(canonicalSymbol('')).toBeNull();
    expect(canonicalSymbol('?')).toBeNull();
    expect(canonicalSymbol(12)).toBeNull();
    expect(canonicalSymbol('bu çok uzun bir açıklama cümlesi')).toBeNull();
  });
});

describe('symbolCategory', () => {
  it('classifies symbols', () => {
    expect(symbolCategory('THYAO')).toBe('bist');
    expect(symbolCategory('XU100')).toBe('index');
    expect(symbolCategory('USDTRY')).toBe('fx');
    expect(symbolCategory('BTC')).toBe('crypto');
    expect(symbolCategory('XAUTRY')).toBe('commodity');
    expect(symbolCategory('AAPL')).toBe('other');
  });
});
