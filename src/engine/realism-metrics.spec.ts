import {
  agreementStats,
  interMessageGaps,
  classifyAgreement,
  distinctN,
  lengthDistribution,
  nearDuplicateRate,
  replyDepth,
} from './realism-metrics';

describe('distinctN', () => {
  it('is the unique share of word n-grams', () => {
    expect(distinctN(['a b c', 'a b d'], 1)).toBe(4 / 6);
    expect(distinctN(['a b c', 'a b d'], 2)).toBe(3 / 4);
    expect(distinctN([], 2)).toBe(0);
    expect(distinctN(['tek'], 2)).toBe(0);
  });

  it('lower-cases the Turkish way and ignores punctuation and emoji', () => {
    expect(distinctN(['IŞIK yandı', 'ışık yandı! 🚀'], 2)).toBe(0.5);
  });
});

describe('nearDuplicateRate', () => {
  it('counts messages that repeat an earlier one', () => {
    const texts = [
      'THYAO 300 direncini kırarsa yeni zirve gelir',
      'dolar bugün sakin',
      'bence THYAO 300 direncini kırarsa yeni zirve gelir 🚀',
      'altın rekor tazeledi',
    ];
    expect(nearDuplicateRate(texts)).toBe(0.25);
    expect(nearDuplicateRate([])).toBe(0);
    expect(nearDuplicateRate(['🚀', '🚀', '🔥'])).toBeCloseTo(1 / 3);
  });
});

describe('lengthDistribution', () => {
  it('summarises lengths in code points', () => {
    const result = lengthDistribution(['🚀', 'a'.repeat(100), 'b'.repeat(300), 'kısa']);
    expect(result).toMatchObject({ count: 4, min: 1, max: 300, median: 52 });
    expect(result.buckets).toEqual({ short: 0.5, medium: 0.25, long: 0.25 });
    expect(result.mean).toBeCloseTo(101.25);
    expect(result.p90).toBeCloseTo(240);
    expect(lengthDistribution([]).count).toBe(0);
  });
});

describe('interMessageGaps', () => {
  it('measures gaps in seconds between sorted timestamps', () => {
    const at = (s: number): Date => new Date(Date.UTC(2026, 10, 25, 7, 0, s));
    expect(interMessageGaps([at(30), at(0), at(10), at(50)])).toEqual({
      count: 3,
      mean: 50 / 3,
      median: 20,
      p90: 20,
      max: 20,
    });
    expect(interMessageGaps([at(0)])).toEqual({ count: 0, mean: 0, median: 0, p90: 0, max: 0 });
  });
});

describe('replyDepth', () => {
  it('measures chain depth, reply share and a histogram', () => {
    const result = replyDepth([
      { id: 1, reply_to_id: null },
      { id: 2, reply_to_id: 1 },
      { id: 3, reply_to_id: 2 },
      { id: 4, reply_to_id: null },
      { id: 5, reply_to_id: 99 },
    ]);
    expect(result).toEqual({ mean: 4 / 5, max: 2, replyShare: 3 / 5, histogram: [2, 2, 1] });
    expect(replyDepth([])).toEqual({ mean: 0, max: 0, replyShare: 0, histogram: [] });
  });

  it('does not loop on cyclic data', () => {
    const result = replyDepth([
      { id: 1, reply_to_id: 2 },
      { id: 2, reply_to_id: 1 },
    ]);
    expect(result.max).toBeLessThanOrEqual(2);
  });
});

describe('agreement', () => {
  it.each([
    ['aynen, hacim destekliyor', 'agree'],
    ['Katılıyorum, RSI yukarı döndü', 'agree'],
    ['bence de öyle', 'agree'],
    ['pek katılmıyorum açıkçası', 'disagree'],
    ['emin değilim, hacim zayıf', 'disagree'],
    ['THYAO 300 oldu', 'neutral'],
    ['hayırlısı olsun', 'neutral'],
  ] as const)('%s → %s', (text, expected) => {
    expect(classifyAgreement(text)).toBe(expected);
  });

  it('computes the agreement rate over decided replies', () => {
    expect(agreementStats(['aynen', 'katılıyorum', 'katılmıyorum', 'tamam'])).toEqual({
      agree: 2,
      disagree: 1,
      neutral: 1,
      agreementRate: 2 / 3,
    });
    expect(agreementStats([]).agreementRate).toBe(0);
  });
});
