import { boundedMemo } from './bounded-memo.util';
import { foldTurkish, symbolCategory, SymbolCategory, symbolsIn } from './symbols.util';

/** Topics a chat talks about when it has none configured (the original's four). */
export const DEFAULT_TOPICS: readonly string[] = ['BIST', 'FX', 'Kripto', 'Makro'];

interface TopicDefinition {
  /** Canonical topic name as chats store it. */
  name: string;
  /** Other names an operator may have used for the same topic (folded, lower case). */
  aliases: string[];
  /**
   * Folded word stems as regex sources: a stem matches at a word start with any Turkish suffix
   * after it, unless it says otherwise ("kur" must not match "kurum", so it lists its suffixes).
   */
  keywords: string[];
  /** Symbols of these categories count as a keyword hit. */
  symbolCategories: SymbolCategory[];
}

/**
 * Turkish keyword stems per market topic, folded (no diacritics) so "döviz", "DÖVİZ" and "doviz"
 * all match "doviz". Shared by topic choice, reply scoring and the language modules.
 */
export const TOPIC_DEFINITIONS: readonly TopicDefinition[] = [
  {
    name: 'BIST',
    aliases: ['borsa', 'borsa istanbul', 'hisse', 'bist100', 'xu100'],
    keywords: ['bist', 'borsa', 'hisse', 'endeks', 'xu100', 'xu030', 'tavan', 'taban', 'bilanco',
      'temettu', 'bedelsiz', 'halka arz', 'lot(?![a-z])', 'seans', 'kapanis', 'acilis', 'spk', 'takas'],
    symbolCategories: ['bist', 'index'],
  },
  {
    name: 'FX',
    aliases: ['doviz', 'kur', 'forex', 'parite'],
    keywords: ['doviz', 'kur(?:u|un|unu|una|unda|undan|undaki|da|dan|daki|a|lar|lari|larda)?(?![a-z])', 'dolar', 'euro', 'avro', 'sterlin', 'parite', 'usd', 'eur(?![a-z])', 'tl(?![a-z])',
      'lira', 'karsilik', 'rezerv', 'swap'],
    symbolCategories: ['fx'],
  },
  {
    name: 'Kripto',
    aliases: ['crypto', 'kripto para', 'coin'],
    keywords: ['kripto', 'bitcoin', 'btc', 'ethereum', 'eth(?![a-z])', 'coin', 'altcoin', 'blockchain',
      'halving', 'binance', 'stablecoin', 'defi', 'token', 'cuzdan', 'etf'],
    symbolCategories: ['crypto'],
  },
  {
    name: 'Makro',
    aliases: ['makroekonomi', 'ekonomi', 'macro'],
    keywords: ['enflasyon', 'tufe', 'ufe', 'faiz', 'tcmb', 'merkez bankasi', 'fed(?![a-z])', 'ppk',
      'buyume', 'gsyih', 'issizlik', 'cari acik', 'butce', 'cds', 'tahvil', 'resesyon', 'ekonomi',
      'politika faizi', 'ecb'],
    symbolCategories: [],
  },
  {
    name: 'Altın',
    aliases: ['altin', 'gold', 'kiymetli madenler'],
    keywords: ['altin', 'ons(?![a-z])', 'gram', 'ceyrek', 'kulce', 'gumus', 'kiymetli maden'],
    symbolCategories: [],
  },
  {
    name: 'Emtia',
    aliases: ['commodity', 'commodities', 'emtialar'],
    keywords: ['emtia', 'petrol', 'brent', 'dogalgaz', 'bakir', 'bugday', 'opec', 'altin', 'gumus'],
    symbolCategories: ['commodity'],
  },
  {
    name: 'Bankacılık',
    aliases: ['bankacilik', 'banka', 'bankalar'],
    keywords: ['banka', 'kredi', 'mevduat', 'xbank', 'akbnk', 'garan', 'isctr', 'ykbnk', 'halkb',
      'vakbn', 'net faiz marji'],
    symbolCategories: [],
  },
  {
    name: 'Enerji',
    aliases: ['energy'],
    keywords: ['enerji', 'elektrik', 'yenilenebilir', 'ruzgar', 'gunes', 'tuprs', 'aksen', 'enjsa',
      'petrol', 'dogalgaz'],
    symbolCategories: [],
  },
  {
    name: 'Havacılık',
    aliases: ['havacilik', 'aviation', 'turizm'],
    keywords: ['havacilik', 'ucak', 'yolcu', 'thy(?![a-z])', 'thyao', 'pgsus', 'tavhl', 'turizm', 'jet yakiti'],
    symbolCategories: [],
  },
  {
    name: 'Savunma',
    aliases: ['savunma sanayi', 'defence', 'defense'],
    keywords: ['savunma', 'asels', 'aselsan', 'ihracat', 'siha', 'ihale'],
    symbolCategories: [],
  },
  {
    name: 'Teknoloji',
    aliases: ['tech', 'teknoloji hisseleri'],
    keywords: ['teknoloji', 'yazilim', 'yapay zeka', 'cip(?!s)', 'nasdaq', 'telekom', 'tcell', 'ttkom'],
    symbolCategories: [],
  },
  {
    name: 'Otomotiv',
    aliases: ['otomotiv sektoru', 'automotive'],
    keywords: ['otomotiv', 'otomobil', 'froto', 'toaso', 'doas', 'arac satis'],
    symbolCategories: [],
  },
  {
    name: 'Gayrimenkul',
    aliases: ['emlak', 'gyo', 'konut', 'real estate'],
    keywords: ['gayrimenkul', 'konut', 'emlak', 'gyo', 'kira(?!z)', 'ekgyo', 'insaat'],
    symbolCategories: [],
  },
]; // prettier-ignore

function fold(text: string): string {
  return foldTurkish(text).replace(/\s+/g, ' ').trim();
}

const compiled = new Map<string, RegExp>();

/** One regex per keyword set: a stem must start a word; suffixes after it are fine. */
function keywordRegex(keywords: readonly string[]): RegExp {
  const key = keywords.join('|');
  let regex = compiled.get(key);
  if (!regex) {
    regex = new RegExp(`(?<![a-z0-9])(?:${keywords.join('|')})`, 'g');
    compiled.set(key, regex);
  }
  return regex;
}

/** Definitions looked up by topic name: every turn scores the same few topics many times. */
const definitionsByTopic = new Map<string, TopicDefinition | null>();
/** Operators name topics; a runaway set of names must not grow the lookup cache without end. */
const MAX_CACHED_TOPICS = 1000;

/** The definition of a topic by its name or an alias; null for a topic we have no list for. */
export function topicDefinition(topic: string): TopicDefinition | null {
  const cached = definitionsByTopic.get(topic);
  if (cached !== undefined) {
    return cached;
  }
  const folded = fold(topic);
  const definition =
    TOPIC_DEFINITIONS.find((d) => fold(d.name) === folded || d.aliases.includes(folded)) ?? null;
  if (definitionsByTopic.size < MAX_CACHED_TOPICS) {
    definitionsByTopic.set(topic, definition);
  }
  return definition;
}

/** Keyword stems for a topic; an unknown topic matches its own name. */
export function topicKeywords(topic: string): string[] {
  const definition = topicDefinition(topic);
  if (definition) {
    return definition.keywords;
  }
  // An operator's own topic name is matched literally.
  const own = fold(topic).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return own.length > 0 ? [own] : [];
}

/**
 * How strongly `text` is about `topic`: keyword hits plus symbols of the topic's categories.
 * Never throws.
 */
export function topicHits(text: string, topic: string): number {
  const perTopic = hitsByText(text);
  let hits = perTopic.get(topic);
  if (hits === undefined) {
    hits = countTopicHits(text, topic);
    perTopic.set(topic, hits);
  }
  return hits;
}

/**
 * Hits per topic of recently scored texts: every turn scores its chat's whole history (40
 * messages, one new per turn) for every topic of the chat.
 */
const hitsByText = boundedMemo(() => new Map<string, number>(), 10_000);

function countTopicHits(text: string, topic: string): number {
  const folded = foldTurkish(text.slice(0, 4000));
  const keywords = topicKeywords(topic);
  let hits = keywords.length > 0 ? (folded.match(keywordRegex(keywords)) ?? []).length : 0;
  const categories = topicDefinition(topic)?.symbolCategories ?? [];
  if (categories.length > 0) {
    hits += symbolsIn(text).filter((s) => categories.includes(symbolCategory(s))).length;
  }
  return hits;
}

/** The topics among `topics` that `text` touches, in the order given. */
export function topicsIn(text: string, topics: readonly string[]): string[] {
  return topics.filter((topic) => topicHits(text, topic) > 0);
}
