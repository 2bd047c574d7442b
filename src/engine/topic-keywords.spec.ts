import {
  DEFAULT_TOPICS,
  topicDefinition,
  topicHits,
  topicKeywords,
  topicsIn,
} from './topic-keywords';

describe('topic keywords', () => {
  it('finds topics by name or alias, Turkish-insensitively', () => {
    expect(topicDefinition('FX')?.name).toBe('FX');
    expect(topicDefinition('Döviz')?.name).toBe('FX');
    expect(topicDefinition('ALTIN')?.name).toBe('Altın');
    expect(topicDefinition('Crypto')?.name).toBe('Kripto');
    expect(topicDefinition('Futbol')).toBeNull();
    expect(DEFAULT_TOPICS).toEqual(['BIST', 'FX', 'Kripto', 'Makro']);
  });

  it('matches stems with Turkish suffixes', () => {
    expect(topicHits('Enflasyon verisi ve faizler', 'Makro')).toBe(2);
    expect(topicHits('Borsada hisseler tavan', 'BIST')).toBe(3);
    expect(topicHits('DÖVİZ kurunda sert hareket', 'FX')).toBe(2);
  });

  it('does not match inside unrelated words', () => {
    expect(topicHits('kurum kuralları, program', 'FX')).toBe(0);
    expect(topicHits('federasyon ve ethem', 'Makro')).toBe(0);
    expect(topicHits('kiraz mevsimi', 'Gayrimenkul')).toBe(0);
  });

  it('counts symbols of the topic category', () => {
    expect(topicHits('THYAO ve ASELS', 'BIST')).toBe(2);
    expect(topicHits('USD/TRY 35', 'FX')).toBeGreaterThanOrEqual(1);
    expect(topicHits('BTC ve ETH', 'Kripto')).toBeGreaterThanOrEqual(2);
  });

  it('matches an unknown topic by its own name', () => {
    expect(topicKeywords('Futbol (Süper Lig)')).toEqual(['futbol \\(super lig\\)']);
    expect(topicHits('futbolcular', 'Futbol')).toBe(1);
    expect(topicKeywords('   ')).toEqual([]);
    expect(topicHits('anything', '   ')).toBe(0);
  });

  it('lists the touched topics in the given order', () => {
    expect(topicsIn('Fed faizi ve bitcoin', ['BIST', 'FX', 'Kripto', 'Makro'])).toEqual([
      'Kripto',
      'Makro',
    ]);
    expect(topicsIn('', DEFAULT_TOPICS)).toEqual([]);
  });
});
