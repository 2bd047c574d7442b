import { analyzeSentiment } from './sentiment';

describe('analyzeSentiment', () => {
  it.each([
    'THYAO uçtu 🚀🚀',
    'Boğa piyasası başladı, yükseliş sürer',
    'tavan oldu helal olsun',
    'BIST rekor kırdı, harika gün',
  ])('scores bullish text positive: %s', (text) => {
    expect(analyzeSentiment(text).score).toBeGreaterThan(0.3);
  });

  it.each([
    'Dün stop oldum, moralim bozuk',
    'Bankalar çakıldı 📉',
    'ayı piyasası, sert satış var',
    'portföy eridi, zarar büyük 😭',
  ])('scores bearish text negative: %s', (text) => {
    expect(analyzeSentiment(text).score).toBeLessThan(-0.3);
  });

  it('is 0 for neutral, empty and emoji-less chatter', () => {
    expect(analyzeSentiment('').score).toBe(0);
    expect(analyzeSentiment('toplantıdayım birazdan bakarım').score).toBe(0);
  });

  it('stays within -1..1 however many hits there are', () => {
    const up = analyzeSentiment('uçtu uçtu uçtu roket tavan rekor 🚀🚀🚀🚀🚀🚀 harika süper');
    const down = analyzeSentiment('çakıldı çöktü battım zarar panik felaket 📉📉📉 😭😭');
    expect(up.score).toBeLessThanOrEqual(1);
    expect(up.score).toBeGreaterThan(0.9);
    expect(down.score).toBeGreaterThanOrEqual(-1);
    expect(down.score).toBeLessThan(-0.9);
  });

  it('flips negated verbs', () => {
    expect(analyzeSentiment('bu hisse yükselmez').score).toBeLessThan(0);
    expect(analyzeSentiment('dolar düşmüyor').score).toBeGreaterThan(0);
    expect(analyzeSentiment('durum iyi değil').score).toBeLessThan(0);
  });

  it('does not read "düşünüyorum" (I think) or "kanal" as bearish', () => {
    expect(analyzeSentiment('düşünüyorum, kanal çizdim').score).toBe(0);
  });

  it('prefers the longer stem once (düşüş not counted twice)', () => {
    expect(analyzeSentiment('düşüş').hits).toEqual(['düşüş']);
  });

  it('lower-cases the Turkish way before matching (YÜKSELİŞ, IŞIK)', () => {
    expect(analyzeSentiment('YÜKSELİŞ BAŞLADI').hits).toContain('yükseliş');
  });

  it('tags distress, euphoria, humour, questions and thanks', () => {
    expect(analyzeSentiment('stop oldum yine').tags).toContain('distress');
    expect(analyzeSentiment('roket gibi').tags).toContain('euphoria');
    expect(analyzeSentiment('hahaha 😂').tags).toContain('humor');
    expect(analyzeSentiment('sence alınır mı').tags).toContain('question');
    expect(analyzeSentiment('ne dersin?').tags).toContain('question');
    expect(analyzeSentiment('çok teşekkürler').tags).toContain('thanks');
  });

  it('handles very long input quickly', () => {
    const long = 'piyasa bugün yükseliş gösterdi ama sonra düşüş geldi '.repeat(3000);
    const started = Date.now();
    const result = analyzeSentiment(long);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.score).toBeGreaterThanOrEqual(-1);
    expect(result.score).toBeLessThanOrEqual(1);
  });
});
