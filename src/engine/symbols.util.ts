import { boundedMemo } from './bounded-memo.util';
/**
 * Market symbols mentioned in Turkish chat text, in one canonical spelling so that watchlists,
 * stored message symbols and thread matching compare equal:
 * - BIST tickers as listed (THYAO), indices XU100 / XU030 / XBANK;
 * - currency pairs without a slash (USDTRY, EURTRY, GBPTRY, EURUSD);
 * - crypto by coin (BTC, ETH …);
 * - gold: XAU for ounce / generic "altın", XAUTRY for "gram altın"; XAG silver; BRENT oil.
 *
 * Matching works on a folded copy of the text (Turkish-aware lower case, diacritics removed) so
 * "THYAO'da", "thyao" and "İSCTR" are all found; words that are also ordinary Turkish words
 * ("ada", "sol", "mavi", "şişe") count only when written in capitals as tickers are.
 */

export type SymbolCategory = 'bist' | 'index' | 'fx' | 'crypto' | 'commodity' | 'other';

/** Liquid BIST shares people talk about; a ticker outside the list counts only as a $CASHTAG. */
export const BIST_TICKERS: readonly string[] = [
  'AEFES', 'AGHOL', 'AKBNK', 'AKSA', 'AKSEN', 'ALARK', 'ALFAS', 'ARCLK', 'ASELS', 'ASTOR',
  'BIMAS', 'BRSAN', 'BRYAT', 'CCOLA', 'CIMSA', 'DOAS', 'DOHOL', 'EGEEN', 'EKGYO', 'ENJSA',
  'ENKAI', 'EREGL', 'EUPWR', 'FROTO', 'GARAN', 'GESAN', 'GUBRF', 'HALKB', 'HEKTS', 'ISCTR',
  'ISMEN', 'KCHOL', 'KONTR', 'KOZAA', 'KOZAL', 'KRDMD', 'MAVI', 'MGROS', 'ODAS', 'OYAKC',
  'PETKM', 'PGSUS', 'SAHOL', 'SASA', 'SISE', 'SKBNK', 'SMRTG', 'SOKM', 'TAVHL', 'TCELL',
  'THYAO', 'TKFEN', 'TOASO', 'TSKB', 'TTKOM', 'TUPRS', 'ULKER', 'VAKBN', 'VESTL', 'YKBNK',
]; // prettier-ignore

/** Tickers that are also everyday words once folded: they count only in capitals. */
const CAPITALS_ONLY = new Set(['MAVI', 'SISE', 'SASA', 'ODAS', 'DOAS', 'AKSA']);

interface AliasRule {
  symbol: string;
  category: SymbolCategory;
  /** Regex source over folded text (a–z, digits); word boundaries are added around it. */
  pattern: string;
  /** When set, the match must appear in the original text exactly in these capitals. */
  capitalsOnly?: boolean;
}

// Order matters: longer, more specific phrases first; a match masks its text for later rules
// (so "gram altın" is XAUTRY and not also XAU).
const ALIAS_RULES: readonly AliasRule[] = [
  { symbol: 'XU100', category: 'index', pattern: 'xu ?100|bist ?-? ?100' },
  { symbol: 'XU030', category: 'index', pattern: 'xu ?030|xu ?30|bist ?-? ?30' },
  { symbol: 'XBANK', category: 'index', pattern: 'xbank|banka endeksi' },
  { symbol: 'XAUTRY', category: 'commodity', pattern: 'gram altin[a-z]{0,5}|xau ?/? ?try|gau' },
  { symbol: 'XAU', category: 'commodity', pattern: 'ons altin[a-z]{0,5}|xau ?/? ?usd|xau' },
  { symbol: 'XAU', category: 'commodity', pattern: 'altin[a-z]{0,5}' },
  { symbol: 'XAG', category: 'commodity', pattern: 'gumus[a-z]{0,5}|xag ?/? ?usd|xag' },
  { symbol: 'BRENT', category: 'commodity', pattern: 'brent[a-z]{0,4}' },
  {
    symbol: 'USDTRY',
    category: 'fx',
    pattern: 'usd ?/? ?(?:try|tl)|dolar ?/ ?tl|dolar[a-z]{0,5}|dollar',
  },
  { symbol: 'EURUSD', category: 'fx', pattern: 'eur ?/? ?usd|parite[a-z]{0,4}' },
  { symbol: 'EURTRY', category: 'fx', pattern: 'eur ?/? ?(?:try|tl)|euro ?/ ?tl|euro[a-z]{0,3}' },
  { symbol: 'EURTRY', category: 'fx', pattern: 'avro[a-z]{0,4}' },
  { symbol: 'GBPTRY', category: 'fx', pattern: 'gbp ?/? ?(?:try|tl)|sterlin[a-z]{0,4}' },
  { symbol: 'BTC', category: 'crypto', pattern: 'btc(?: ?/? ?usdt?)?|bitcoin[a-z]{0,4}' },
  { symbol: 'ETH', category: 'crypto', pattern: 'eth(?: ?/? ?usdt?)?|ethereum[a-z]{0,4}' },
  { symbol: 'SOL', category: 'crypto', pattern: 'solana[a-z]{0,4}' },
  { symbol: 'SOL', category: 'crypto', pattern: 'sol', capitalsOnly: true },
  { symbol: 'XRP', category: 'crypto', pattern: 'xrp|ripple' },
  { symbol: 'AVAX', category: 'crypto', pattern: 'avax' },
  { symbol: 'BNB', category: 'crypto', pattern: 'bnb' },
  { symbol: 'DOGE', category: 'crypto', pattern: 'doge(?:coin)?' },
  { symbol: 'ADA', category: 'crypto', pattern: 'cardano' },
  { symbol: 'ADA', category: 'crypto', pattern: 'ada', capitalsOnly: true },
  { symbol: 'USDT', category: 'crypto', pattern: 'usdt|tether' },
];

const COMPILED_ALIASES = ALIAS_RULES.map((rule) => ({
  ...rule,
  regex: new RegExp(`(?<![a-z0-9])(?:${rule.pattern})(?![a-z0-9])`, 'g'),
}));

const CATEGORY_BY_SYMBOL = new Map<string, SymbolCategory>([
  ...BIST_TICKERS.map((t): [string, SymbolCategory] => [t, 'bist']),
  ...ALIAS_RULES.map((r): [string, SymbolCategory] => [r.symbol, r.category]),
]);

const TICKER_SET = new Set(BIST_TICKERS.map((t) => t.toLowerCase()));

/** Texts longer than this are only scanned at their start (chat messages are far shorter). */
const MAX_SCAN_CHARS = 8000;

const FOLD: Record<string, string> = {
  ı: 'i',
  ş: 's',
  ğ: 'g',
  ü: 'u',
  ö: 'o',
  ç: 'c',
  â: 'a',
  î: 'i',
  û: 'u',
};

/**
 * Lower-cases the Turkish way and removes Turkish diacritics, one output character per input
 * character so positions in the folded text are positions in the original.
 */
export function foldTurkish(text: string): string {
  let out = '';
  for (const ch of text) {
    out += foldChar(ch);
  }
  return out;
}

/**
 * Each character's folding, computed once: the locale-aware lower-casing is an ICU call, far too
 * slow to repeat for every character of every history message of every turn. Bounded by the
 * number of distinct characters seen (astral ones are not cached).
 */
const FOLDED_CHARS = new Map<string, string>();

function foldChar(ch: string): string {
  if (ch.length !== 1) {
    // Astral characters (emoji) take two UTF-16 units; blanks keep the length identical.
    return ' '.repeat(ch.length);
  }
  let folded = FOLDED_CHARS.get(ch);
  if (folded === undefined) {
    const lower = ch.toLocaleLowerCase('tr');
    const single = lower.length === 1 ? lower : ch;
    folded = FOLD[single] ?? single;
    FOLDED_CHARS.set(ch, folded);
  }
  return folded;
}

/**
 * Canonical symbols mentioned in `text`, de-duplicated, in order of first appearance.
 * Never throws; non-strings give [].
 */
export function symbolsIn(text: unknown): string[] {
  if (typeof text !== 'string' || text.length === 0) {
    return [];
  }
  // A copy: callers may sort or extend what they get.
  return [...symbolsInMemo(text.slice(0, MAX_SCAN_CHARS))];
}

/** Texts analysed recently (a turn re-reads its chat's history, one new message per turn). */
const TEXTS_REMEMBERED = 10_000;

const symbolsInMemo = boundedMemo(scanSymbols, TEXTS_REMEMBERED);

function scanSymbols(original: string): string[] {
  let folded = foldTurkish(original);
  const found: { index: number; symbol: string }[] = [];

  for (const rule of COMPILED_ALIASES) {
    rule.regex.lastIndex = 0;
    for (const match of folded.matchAll(rule.regex)) {
      const index = match.index;
      const raw = original.slice(index, index + match[0].length);
      if (rule.capitalsOnly && raw !== rule.symbol) {
        continue;
      }
      found.push({ index, symbol: rule.symbol });
      folded =
        folded.slice(0, index) +
        ' '.repeat(match[0].length) +
        folded.slice(index + match[0].length);
    }
  }

  for (const match of folded.matchAll(/(?<![a-z0-9])([a-z]{4,6})(?![a-z0-9])/g)) {
    const token = match[1];
    if (!TICKER_SET.has(token)) {
      continue;
    }
    const ticker = token.toUpperCase();
    const raw = original.slice(match.index, match.index + token.length);
    if (CAPITALS_ONLY.has(ticker) && raw !== ticker) {
      continue;
    }
    found.push({ index: match.index, symbol: ticker });
  }

  // "$ABCD": an explicit cashtag names a ticker even when it is not in our list.
  for (const match of original.matchAll(/\$([A-Z]{3,6})(?![A-Za-z0-9])/g)) {
    found.push({ index: match.index, symbol: match[1] });
  }

  found.sort((a, b) => a.index - b.index);
  return [...new Set(found.map((f) => f.symbol))];
}

/**
 * One watchlist entry in canonical spelling ("usd/try" → USDTRY, "Gram Altın" → XAUTRY,
 * "thyao" → THYAO, "AAPL" → AAPL); null when nothing symbol-like is left.
 */
export function canonicalSymbol(raw: unknown): string | null {
  if (typeof raw !== 'string') {
    return null;
  }
  const trimmed = raw.trim().slice(0, 40);
  const known = symbolsIn(trimmed);
  if (known.length === 1) {
    return known[0];
  }
  const compact = foldTurkish(trimmed)
    .replace(/[^a-z0-9]/g, '')
    .toUpperCase();
  return compact.length >= 2 && compact.length <= 12 ? compact : null;
}

/** Which market a canonical symbol belongs to ('other' for unknown cashtags and watchlist items). */
export function symbolCategory(symbol: string): SymbolCategory {
  return CATEGORY_BY_SYMBOL.get(symbol) ?? 'other';
}
