/**
 * Turkish text helpers shared by the language modules. JavaScript's default case mapping turns
 * "I" into "i" and "İ" into "i̇" (with a combining dot); Turkish needs I→ı and İ→i, so every
 * comparison goes through the tr-TR locale.
 */

export function trLower(text: string): string {
  return text.toLocaleLowerCase('tr-TR');
}

export function trUpper(text: string): string {
  return text.toLocaleUpperCase('tr-TR');
}

/** Lower-cases only the first character (Turkish-aware), e.g. "Işık" → "ışık". */
export function lowerFirst(text: string): string {
  const first = text.codePointAt(0);
  if (first === undefined) {
    return text;
  }
  const char = String.fromCodePoint(first);
  return trLower(char) + text.slice(char.length);
}

/** Upper-cases only the first character (Turkish-aware), e.g. "istanbul" → "İstanbul". */
export function upperFirst(text: string): string {
  const first = text.codePointAt(0);
  if (first === undefined) {
    return text;
  }
  const char = String.fromCodePoint(first);
  return trUpper(char) + text.slice(char.length);
}

/** Folds Turkish letters to ASCII for fuzzy comparison ("çok" and "cok" compare equal). */
export function foldTurkish(text: string): string {
  return text
    .replace(/ç/g, 'c')
    .replace(/ğ/g, 'g')
    .replace(/ı/g, 'i')
    .replace(/ö/g, 'o')
    .replace(/ş/g, 's')
    .replace(/ü/g, 'u')
    .replace(/[âà]/g, 'a')
    .replace(/[îì]/g, 'i')
    .replace(/[ûù]/g, 'u');
}

/** Words (letters and digits), Turkish lower-cased; punctuation, emoji and symbols dropped. */
export function trWords(text: string): string[] {
  return trLower(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

const ENGLISH_MARKERS = new Set([
  'the',
  'and',
  'is',
  'are',
  'to',
  'of',
  'you',
  'this',
  'that',
  'it',
  'will',
  'be',
  'with',
  'for',
  'not',
  'what',
  'think',
  'buy',
  'sell',
  'market',
  'price',
  'i',
  'my',
  'we',
  'going',
  'should',
  'can',
  'just',
  'about',
  'great',
  'good',
  'really',
  'would',
  'they',
  'have',
  'has',
  'as',
  'on',
  'in',
  'at',
  'from',
  'after',
  'over',
  'amid',
  'by',
  'up',
  'down',
  'new',
]);

const TURKISH_MARKERS = new Set([
  'bir',
  've',
  'bu',
  'da',
  'de',
  'ne',
  'çok',
  'ama',
  'için',
  'ile',
  'gibi',
  'daha',
  'bence',
  'var',
  'yok',
  'mi',
  'mı',
  'şu',
  'o',
  'ben',
  'sen',
  'biz',
  'olur',
  'değil',
  'en',
  'ya',
  'her',
  'kadar',
  'şimdi',
  'yani',
  'hem',
  'diye',
  'olarak',
  'sonra',
  'önce',
  'bugün',
  'yarın',
]);

/**
 * Share of a text's words that are common English function words, minus the Turkish ones, in
 * 0..1. Tickers and numbers do not count either way. Used to reject replies that slipped into
 * English and to decide whether a news headline needs a Turkish brief.
 */
export function englishShare(text: string): number {
  const words = trWords(text).filter((word) => !/^\d+$/.test(word));
  if (words.length === 0) {
    return 0;
  }
  let english = 0;
  let turkish = 0;
  for (const word of words) {
    if (/[çğıöşü]/.test(word) || TURKISH_MARKERS.has(word)) {
      turkish++;
    } else if (ENGLISH_MARKERS.has(word)) {
      english++;
    }
  }
  return Math.max(0, english - turkish) / words.length;
}

const TURKISH_SUFFIX =
  /(lar|ler|yor|d[ıiuü]|t[ıiuü]|m[ıiuü]ş|s[ıi]|n[ıiuü]n|y[ae]|l[ıiuü]k|c[ae]k)$/;
const ENGLISH_SUFFIX = /(ing|ed|[^s]s|tion|ly)$/;

/**
 * True when the text reads as Turkish rather than English (headline language check): Turkish
 * letters, Turkish function words and suffixes against English function words and endings.
 */
export function looksTurkish(text: string): boolean {
  const words = trWords(text).filter((word) => !/^\d+$/.test(word));
  let turkish = 0;
  let english = 0;
  for (const word of words) {
    if (/[çğıöşü]/.test(word) || TURKISH_MARKERS.has(word)) {
      turkish += 2;
    } else if (ENGLISH_MARKERS.has(word)) {
      english += 2;
    } else if (TURKISH_SUFFIX.test(word)) {
      turkish++;
    } else if (ENGLISH_SUFFIX.test(word)) {
      english++;
    }
  }
  return turkish > english;
}

const BACK_VOWELS = 'aıou';
const FRONT_VOWELS = 'eiöü';
const VOICELESS = 'çfhkpsştx';
/** How letters are read out in acronyms (USD → "u-se-de"), which decides the suffix. */
const LETTER_NAMES: Record<string, string> = {
  a: 'a',
  b: 'be',
  c: 'ce',
  ç: 'çe',
  d: 'de',
  e: 'e',
  f: 'fe',
  g: 'ge',
  ğ: 'ğe',
  h: 'he',
  ı: 'ı',
  i: 'i',
  j: 'je',
  k: 'ka',
  l: 'le',
  m: 'me',
  n: 'ne',
  o: 'o',
  ö: 'ö',
  p: 'pe',
  r: 're',
  s: 'se',
  ş: 'şe',
  t: 'te',
  u: 'u',
  ü: 'ü',
  v: 've',
  y: 'ye',
  z: 'ze',
  q: 'ku',
  w: 've',
  x: 'iks',
};

export type TurkishCase = 'ablative' | 'locative' | 'dative' | 'accusative';

/**
 * Appends a Turkish case suffix with vowel harmony and consonant assimilation, after an apostrophe
 * for names and tickers (THYAO'dan, ASELS'ten, USD'ye, Ali'ye) and directly for common nouns
 * (faizde, gümüşe).
 * Acronyms without a final vowel sound are read letter by letter (USD → "de" → USD'den).
 */
export function withSuffix(word: string, grammaticalCase: TurkishCase): string {
  // "USD/TRY" is read by its last part; common nouns take the suffix without an apostrophe.
  const spokenWord =
    word
      .replace(/[^\p{L}\p{N}]+$/u, '')
      .split('/')
      .pop() ?? '';
  const lower = trLower(spokenWord);
  if (lower.length === 0) {
    return word;
  }
  const isAcronym = spokenWord === trUpper(spokenWord) && /\p{Lu}/u.test(spokenWord);
  const properNoun = /^[\p{Lu}\p{N}]/u.test(spokenWord);
  let spoken = lower;
  const last = lower[lower.length - 1];
  const letterByLetter =
    isAcronym &&
    !/[aeıioöuü]/.test(last) &&
    (!/[aeıioöuü]/.test(lower) || (lower.length <= 3 && !/[aeıioöuü]/.test(lower.slice(-2))));
  if (letterByLetter) {
    spoken = lower + (LETTER_NAMES[last] ?? '');
  } else if (/\d$/.test(lower)) {
    spoken = lower.endsWith('100') ? 'yüz' : 'bir';
  }
  const vowels = [...spoken].filter((c) => BACK_VOWELS.includes(c) || FRONT_VOWELS.includes(c));
  const lastVowel = vowels.length > 0 ? vowels[vowels.length - 1] : 'e';
  const back = BACK_VOWELS.includes(lastVowel);
  const endChar = spoken[spoken.length - 1];
  const endsWithVowel = BACK_VOWELS.includes(endChar) || FRONT_VOWELS.includes(endChar);
  const hard = VOICELESS.includes(endChar);
  const a = back ? 'a' : 'e';
  const i4 = { a: 'ı', ı: 'ı', o: 'u', u: 'u', e: 'i', i: 'i', ö: 'ü', ü: 'ü' }[lastVowel] ?? 'i';
  let suffix: string;
  switch (grammaticalCase) {
    case 'ablative':
      suffix = (hard ? 't' : 'd') + a + 'n';
      break;
    case 'locative':
      suffix = (hard ? 't' : 'd') + a;
      break;
    case 'dative':
      suffix = (endsWithVowel ? 'y' : '') + a;
      break;
    case 'accusative':
      suffix = (endsWithVowel ? 'y' : '') + i4;
      break;
  }
  return properNoun ? `${word}'${suffix}` : `${word}${suffix}`;
}
