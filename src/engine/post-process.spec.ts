import fc from 'fast-check';
import {
  capLength,
  matchesWords,
  unicodeWords,
  DEFAULT_LENGTH_CAPS,
  postProcess,
  TELEGRAM_MAX_MESSAGE_LENGTH,
} from './post-process';

const base = { botName: 'Kemal', otherSpeakers: ['Ayşe', 'Mert'], length: 'medium' as const };

describe('postProcess: model traces', () => {
  it('removes the speaking bot label, bracketed labels and wrapping quotes', () => {
    expect(postProcess('Kemal: THYAO güzel gidiyor', base).text).toBe('THYAO güzel gidiyor');
    expect(postProcess('[Kemal]: bence bekle', base).text).toBe('bence bekle');
    expect(postProcess('"Dolar yine hareketli"', base)).toMatchObject({
      text: 'Dolar yine hareketli',
      changes: ['wrapping_quotes'],
    });
    expect(postProcess('“Altın sakin”', base).text).toBe('Altın sakin');
  });

  it('keeps inner quotes that are not around the whole reply', () => {
    expect(postProcess('"faiz" dedi ama "enflasyon" demedi', base).text).toBe(
      '"faiz" dedi ama "enflasyon" demedi',
    );
  });

  it('cuts a continued transcript at the first line written as another member', () => {
    const result = postProcess('bence bekleyelim\nAyşe: katılıyorum\nMert: ben de', base);
    expect(result.text).toBe('bence bekleyelim');
    expect(result.changes).toContain('transcript_continuation');
  });

  it('removes AI disclosure sentences and drops a reply made only of them', () => {
    const mixed = postProcess(
      'Yapay zeka olarak fikrim yok. Ama BIST bugün güçlü görünüyor.',
      base,
    );
    expect(mixed.text).toBe('Ama BIST bugün güçlü görünüyor.');
    expect(mixed.changes).toContain('ai_trace');
    expect(postProcess('Bir dil modeli olarak yorum yapamam.', base)).toMatchObject({
      dropped: true,
      dropReason: 'ai_disclosure',
    });
    expect(postProcess('As an AI, I cannot predict markets.', base).dropped).toBe(true);
    expect(postProcess('Ben bir botum, yardımcı olabilirim', base).dropReason).toBe(
      'ai_disclosure',
    );
  });

  it('strips markdown headings, bold, code ticks and bullets', () => {
    const result = postProcess('## Analiz\n**THYAO** için `300` önemli\n- destek 280', base);
    expect(result.text).toBe('Analiz\nTHYAO için 300 önemli\ndestek 280');
    expect(result.changes).toContain('markdown');
  });

  it('removes trailing hashtag blocks and the # of inline tags', () => {
    expect(postProcess('#THYAO bugün iyi #borsa #bist #yatırım', base).text).toBe(
      'THYAO bugün iyi',
    );
  });
});

describe('postProcess: content filter', () => {
  it.each([
    'THYAO garantili kazanç, kaçırmayın',
    'Bu işte kesin kazanç var',
    '%100 getiri sağlar',
    'yatırım tavsiyesi: al',
    'ASELS mutlaka alın arkadaşlar',
    'VIP grubumuza katılın',
    'Bu bir yatırım tavsiyesidir.',
  ])('drops "%s"', (text) => {
    const result = postProcess(text, base);
    expect(result.dropped).toBe(true);
    expect(result.dropReason).toBe('forbidden_advice');
  });

  it('softens certainty into opinion', () => {
    const result = postProcess('THYAO kesin yükselecek, %100 çıkar bence', base);
    expect(result.dropped).toBe(false);
    expect(result.text).toBe('THYAO bence yükselebilir, büyük ihtimalle çıkar bence');
    expect(result.changes).toEqual(['soften:certain_rise', 'soften:hundred_percent']);
  });

  it('matches whole Turkish words only ("alın" is not "alınır")', () => {
    expect(postProcess('sizce hemen alınır mı bu seviyeden?', base).dropped).toBe(false);
    expect(postProcess('dün hemen satın aldım, şimdilik iyi', base).dropped).toBe(false);
    expect(postProcess('Hemen satın alın!', base).dropReason).toBe('forbidden_advice');
    expect(postProcess('Botumuz yok ama robotum var', base).dropped).toBe(false);
  });

  it('keeps disclaimers and the bank named Garanti', () => {
    expect(postProcess('Garanti bu çeyrek iyi, YTD tabii', base).dropped).toBe(false);
    expect(postProcess('Bu bir yatırım tavsiyesi değildir.', base).dropped).toBe(false);
  });

  it('drops replies that slipped into English', () => {
    expect(postProcess('I think the market will go up, you should buy', base).dropReason).toBe(
      'not_turkish',
    );
  });
});

describe('postProcess: shape', () => {
  it('collapses whitespace and blank lines', () => {
    expect(postProcess('  dolar   40\t üstü\n\n\n\nkalıcı mı  ', base).text).toBe(
      'dolar 40 üstü\n\nkalıcı mı',
    );
  });

  it('drops empty and punctuation-only output, keeps emoji-only output', () => {
    expect(postProcess('   ', base)).toMatchObject({ dropped: true, dropReason: 'empty' });
    expect(postProcess('"..."', base).dropReason).toBe('empty');
    expect(postProcess('Kemal:', base).dropReason).toBe('empty');
    expect(postProcess('🚀🚀', base)).toMatchObject({ dropped: false, text: '🚀🚀' });
  });

  it('removes lone surrogates and control characters', () => {
    const broken = 'BIST \uD83D iyi\u0007';
    const result = postProcess(broken, base);
    expect(result.text).toBe('BIST iyi');
    expect(result.changes).toEqual(expect.arrayContaining(['broken_surrogates', 'control_chars']));
    expect(postProcess('uçtu 🚀', base).text).toBe('uçtu 🚀');
  });

  it('caps length per category at a sentence boundary', () => {
    const sentence = 'Bankalar bugün güçlü, endeks de destekten döndü. ';
    const long = sentence.repeat(40);
    const short = postProcess(long, { ...base, length: 'short' });
    expect([...short.text].length).toBeLessThanOrEqual(DEFAULT_LENGTH_CAPS.short);
    expect(short.text.endsWith('.')).toBe(true);
    expect(short.changes).toContain('length_cap');
    const custom = postProcess(long, { ...base, length: 'long', lengthCaps: { long: 100 } });
    expect([...custom.text].length).toBeLessThanOrEqual(100);
  });

  it('never exceeds the Telegram limit whatever the caps say', () => {
    const huge = 'a'.repeat(10000);
    const result = postProcess(huge, { ...base, length: 'long', lengthCaps: { long: 99999 } });
    expect([...result.text].length).toBeLessThanOrEqual(TELEGRAM_MAX_MESSAGE_LENGTH);
  });
});

describe('capLength', () => {
  it('keeps short text and never splits a surrogate pair', () => {
    expect(capLength('kısa', 10)).toBe('kısa');
    const emoji = '🚀'.repeat(50);
    const capped = capLength(emoji, 10);
    expect(capped).toBe('🚀'.repeat(9) + '…');
  });

  it('falls back to a word boundary with an ellipsis', () => {
    expect(capLength('bir iki üç dört beş altı yedi sekiz', 20)).toBe('bir iki üç dört beş…');
  });
});

describe('postProcess: properties', () => {
  const wellFormed = (text: string): boolean =>
    !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

  it('always returns well-formed text within the cap, non-empty unless dropped', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom(
        'THYAO',
        'yapay zeka olarak',
        '**kalın**',
        '#bist',
        '🚀',
        '\uD83D',
        'İ',
        'ı',
        '\n\n\n',
        'Kemal: ',
      ),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 30 }),
        fc.constantFrom('short', 'medium', 'long'),
        (pieces, length) => {
          const result = postProcess(pieces.join(' '), { ...base, length });
          expect(wellFormed(result.text)).toBe(true);
          expect([...result.text].length).toBeLessThanOrEqual(DEFAULT_LENGTH_CAPS[length]);
          if (!result.dropped) {
            expect(result.text.trim().length).toBeGreaterThan(0);
            expect(result.dropReason).toBeNull();
          } else {
            expect(result.dropReason).not.toBeNull();
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('word patterns (unicodeWords)', () => {
  const fragments = [
    'kesin',
    ' ',
    'kazanç',
    'bot',
    'olarak',
    'botum',
    'ı',
    'a',
    '.',
    'ş',
    '1',
    '\n',
  ];
  const texts = fc
    .array(fc.constantFrom(...fragments), { maxLength: 12 })
    .map((parts) => parts.join(''));
  const patterns = [/\bbotum\b/i, /\b(bir\s+)?bot\s+olarak\b/i, /kesin\s+(kazanç|getiri)/giu].map(
    unicodeWords,
  );

  it('the quick pre-check never changes what the exact pattern decides', () => {
    fc.assert(
      fc.property(texts, (text) => {
        for (const pattern of patterns) {
          pattern.exact.lastIndex = 0;
          const exact = pattern.exact.test(text);
          expect(matchesWords(pattern, text)).toBe(exact);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps word boundaries Unicode-aware: "botum" inside a longer Turkish word is no match', () => {
    const [botum] = patterns;
    expect(matchesWords(botum, 'botumuz')).toBe(false);
    expect(matchesWords(botum, 'şbotum')).toBe(false);
    expect(matchesWords(botum, 'ben botum.')).toBe(true);
  });
});
