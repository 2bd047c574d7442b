/**
 * Vocabulary of the offline demo generator (SPEC 9.4): instruments with rough reference levels
 * and the phrase banks the templates draw from. Levels are only ballpark figures so demo chat
 * sounds plausible; they are not market data.
 */

export type MarketDomain = 'bist' | 'fx' | 'crypto' | 'macro' | 'gold';

export interface Instrument {
  symbol: string;
  domain: MarketDomain;
  /** Ballpark level for "direnç/destek" talk; null when levels make no sense (macro). */
  level: number | null;
  /** Unit word after a level, if any ("$" for crypto). */
  unit: string;
}

export const INSTRUMENTS: readonly Instrument[] = [
  { symbol: 'THYAO', domain: 'bist', level: 300, unit: '' },
  { symbol: 'ASELS', domain: 'bist', level: 160, unit: '' },
  { symbol: 'GARAN', domain: 'bist', level: 130, unit: '' },
  { symbol: 'AKBNK', domain: 'bist', level: 65, unit: '' },
  { symbol: 'YKBNK', domain: 'bist', level: 32, unit: '' },
  { symbol: 'ISCTR', domain: 'bist', level: 14, unit: '' },
  { symbol: 'EREGL', domain: 'bist', level: 27, unit: '' },
  { symbol: 'KCHOL', domain: 'bist', level: 180, unit: '' },
  { symbol: 'SAHOL', domain: 'bist', level: 90, unit: '' },
  { symbol: 'SISE', domain: 'bist', level: 40, unit: '' },
  { symbol: 'TUPRS', domain: 'bist', level: 160, unit: '' },
  { symbol: 'BIMAS', domain: 'bist', level: 500, unit: '' },
  { symbol: 'FROTO', domain: 'bist', level: 1000, unit: '' },
  { symbol: 'PGSUS', domain: 'bist', level: 250, unit: '' },
  { symbol: 'TCELL', domain: 'bist', level: 95, unit: '' },
  { symbol: 'BIST100', domain: 'bist', level: 10500, unit: '' },
  { symbol: 'XBANK', domain: 'bist', level: 15000, unit: '' },
  { symbol: 'USD/TRY', domain: 'fx', level: 42, unit: '' },
  { symbol: 'EUR/TRY', domain: 'fx', level: 49, unit: '' },
  { symbol: 'EUR/USD', domain: 'fx', level: 1.16, unit: '' },
  { symbol: 'DXY', domain: 'fx', level: 100, unit: '' },
  { symbol: 'BTC', domain: 'crypto', level: 95000, unit: '$' },
  { symbol: 'ETH', domain: 'crypto', level: 3500, unit: '$' },
  { symbol: 'SOL', domain: 'crypto', level: 180, unit: '$' },
  { symbol: 'AVAX', domain: 'crypto', level: 30, unit: '$' },
  { symbol: 'XRP', domain: 'crypto', level: 2.5, unit: '$' },
  { symbol: 'ons altın', domain: 'gold', level: 4100, unit: '$' },
  { symbol: 'gram altın', domain: 'gold', level: 5600, unit: '' },
  { symbol: 'gümüş', domain: 'gold', level: 50, unit: '$' },
  { symbol: 'TCMB', domain: 'macro', level: null, unit: '' },
  { symbol: 'CDS', domain: 'macro', level: 250, unit: '' },
  { symbol: 'enflasyon', domain: 'macro', level: null, unit: '' },
  { symbol: 'faiz', domain: 'macro', level: null, unit: '' },
  { symbol: 'tahvil', domain: 'macro', level: null, unit: '' },
];

/** Topic names (any case) mapped to a domain. */
export const TOPIC_KEYWORDS: ReadonlyArray<[RegExp, MarketDomain]> = [
  [/bist|borsa|hisse|banka|sanayi|havacılık|holding|endeks|temettü|xu100/u, 'bist'],
  [/fx|döviz|dolar|euro|kur|parite|usd|eur/u, 'fx'],
  [/kripto|crypto|btc|bitcoin|eth|altcoin|coin/u, 'crypto'],
  [/altın|gold|emtia|gümüş|ons|petrol/u, 'gold'],
  [/makro|macro|tcmb|faiz|enflasyon|fed|cds|ekonomi|tahvil|büyüme/u, 'macro'],
];

export const TIMEFRAMES = [
  'kısa vadede',
  'orta vadede',
  'uzun vadede',
  'bu hafta',
  'haftalık kapanışta',
  'aylık bazda',
  'yıl sonuna kadar',
  'önümüzdeki birkaç seansta',
  'bugünkü seansta',
  'ay sonuna doğru',
];

export const INDICATORS_BULL = [
  'RSI yukarı dönmüş',
  'MACD al sinyaline yaklaşmış',
  'günlük grafikte yükselen kanal korunuyor',
  '50 günlük ortalamanın üstüne attı',
  'hacim artışla geliyor',
  'dipler yükseliyor',
  'fibonacci 0.618 desteğinden döndü',
  'OBV yukarı bakıyor',
  'haftalıkta çekiç mumu var',
];

export const INDICATORS_BEAR = [
  'RSI aşırı alımda',
  'MACD negatif kesişim yapmış',
  'hacim zayıf',
  'tepeler alçalıyor',
  '200 günlük ortalamanın altına sarktı',
  'negatif uyumsuzluk var',
  'yükselen kanalı aşağı kırdı',
  'haftalıkta kayan yıldız mumu oluştu',
  'destek kırılımı hacimli geldi',
];

export const INDICATORS_NEUTRAL = [
  'RSI 50 civarında, yön yok',
  'bantta sıkışmış',
  'hacim ortalamanın altında',
  'üçgen formasyon oluşuyor',
  'bollinger bantları daralmış',
  'yatay bir kanal var',
  'net bir formasyon göremiyorum',
];

export const MACRO_DRIVERS = [
  'TCMB faiz kararı',
  'enflasyon verisi',
  'CDS primleri',
  'Fed tutanakları',
  'yabancı girişi',
  'swap kanalı',
  'rezervler',
  'tahvil faizleri',
  'ABD istihdam verisi',
  'bütçe açığı',
  'jeopolitik riskler',
  'petrol fiyatları',
  'kredi büyümesi',
  'cari açık verisi',
];

export const MOVES_UP = [
  'yukarı yöneldi',
  'alıcılı seyrediyor',
  'güzel toparladı',
  'hacimli yükseliyor',
  'dünkü kaybını geri aldı',
  'güçlü duruyor',
  'yeşile döndü',
  'endeksten pozitif ayrışıyor',
];

export const MOVES_DOWN = [
  'satıcılı',
  'baskı altında',
  'zayıf görünüyor',
  'kırmızıya döndü',
  'sert geri çekildi',
  'endeksten negatif ayrışıyor',
  'kâr satışı yiyor',
  'bir türlü toparlanamadı',
];

export const MOVES_FLAT = [
  'yatay seyrediyor',
  'yön arıyor',
  'hacimsiz bekliyor',
  'pek kıpırdamıyor',
  'dar bantta gidip geliyor',
  'sakin',
  'karar vermeye çalışıyor gibi',
];

export const OPENERS_NEW = [
  '',
  '',
  '',
  'arkadaşlar',
  'günaydın herkese',
  'şuna bir bakın',
  'dikkatimi çekti',
  'not düşeyim',
  'gözümden kaçmadı',
  'merak ettim',
  'bugün ilginç',
  'haberiniz olsun',
  'söylemeden geçemeyeceğim',
];

export const AGREE_LEADS = [
  'aynen',
  'katılıyorum',
  'bence de öyle',
  'haklısın',
  'tam olarak bunu düşünüyordum',
  '+1',
  'aynı fikirdeyim',
  'doğru tespit',
  'ben de aynısını gördüm',
  'çok doğru',
  'kesinlikle katılıyorum',
  'evet',
  'yerinde tespit',
];

export const DISAGREE_LEADS = [
  'pek katılmıyorum açıkçası',
  'bence o kadar net değil',
  'bir de şu açıdan bak',
  'saygı duyarım ama',
  'emin değilim',
  'ben biraz farklı düşünüyorum',
  'hmm, bence acele etme',
  'o kadar iyimser değilim',
  'o kadar karamsar değilim',
  'orada ayrılıyoruz',
  'tam öyle değil bence',
];

export const QUESTION_TEMPLATES = [
  '{S} için {TF} [ne düşünüyorsunuz|beklentiniz ne|nasıl bakıyorsunuz|fikri olan var mı]?',
  '{S_dat} [giren|ekleme yapan|pozisyon açan|bugün alım yapan] var mı[ bugün| bu hafta| bu seviyelerden|]?',
  '[{S_loc} {L}|{S} için {L}] [kırılır mı|geçilir mi|aşılır mı|korunur mu] sizce?',
  '{MAC} sonrası {S} [nasıl etkilenir|ne yapar|hangi yöne gider] sizce?',
  '{S_loc} {IND_N}[ diyorum, gören var mı| sizce de öyle mi|, yanılıyor muyum]?',
  '{S} [tarafında|cephesinde] [pozisyonu olan|malı olan|işlem yapan] var mı, [ne yapıyorsunuz|ne düşünüyorsunuz|plan ne]?',
  '{TF} {S} için [hedefiniz|beklediğiniz seviye|hedef fiyatınız] ne?',
  '{S} {L} altına sarkarsa [ekleyecek olan|alım yapacak olan|panik yapan] var mı?',
  'sizce {MAC} {S} için [fiyatlandı mı|önemli mi|sürpriz yapar mı]?',
  '{S_loc} [bu hareket|bu sakinlik|bu oynaklık] [neyin habercisi|ne anlatıyor|sizce kalıcı mı]?',
  '[bir şey soracağım,|merak ettiğim şu:|aklıma takıldı,] {S} {TF} [toparlar mı|yükselir mi|geri çekilir mi]?',
];

export const PLANS_CAUTIOUS = [
  'stopum {STOP} altı',
  'acele etmiyorum',
  'nakit ağırlığımı koruyorum',
  'haftalık kapanışa bakacağım',
  'kademeli ilerliyorum',
  'pozisyonu büyütmeyi düşünmüyorum',
  'önce {L} üstünde kalıcılık görmek istiyorum',
  'küçük bir kısmını realize ettim',
  'riskimi sınırlı tutuyorum',
];

export const PLANS_BOLD = [
  '{TARGET} görmeden satmam',
  'düşüşte eklemeye devam',
  'bu seviyeleri fırsat olarak görüyorum',
  'sabırla taşıyorum',
  'hedefim {TARGET}',
  'geri çekilmelerde topluyorum',
  'pozisyonu biraz büyüttüm',
  'kâr almayı şimdilik düşünmüyorum',
];

export const CLOSERS = [
  '',
  '',
  '',
  '',
  'bakalım',
  'görürüz',
  'takipteyim',
  'hayırlısı',
  'herkese bol kazançlar',
  'zaman gösterecek',
  'bekleyip göreceğiz',
  'gözüm üstünde',
  'not alın derim',
];

export const NEWS_LEADS = [
  'haberi gördünüz mü?',
  'gündeme bakın:',
  'şu habere dikkat:',
  'yeni düştü:',
  'flaş gibi:',
  'haber akışında gördüm,',
  'haber geldi:',
];

export const NEWS_REACTIONS_UP = [
  'bu {S} için olumlu bence',
  'piyasa bunu sevecektir',
  'risk iştahını artırır',
  'bankalara olumlu yansır',
  'kısa vadede destek olur',
  'alıcıları cesaretlendirir',
];

export const NEWS_REACTIONS_DOWN = [
  'bu {S} için pek iyi değil',
  'oynaklık getirir',
  'satış baskısı artabilir',
  'risk iştahını törpüler',
  'temkinli olmakta fayda var',
  'kısa vadede baskı yaratır',
];

export const NEWS_REACTIONS_FLAT = [
  'piyasa bunu çoktan fiyatladı bence',
  'etkisi sınırlı kalır gibi',
  'asıl tepkiyi yarın görürüz',
  'detaylarını okumak lazım',
  'beklenen bir gelişmeydi',
  'şimdilik izlemekte fayda var',
];

export const HUMAN_GREETINGS = [
  'selam {NAME}',
  'güzel soru {NAME}',
  '{NAME} hoş geldin',
  'merhaba {NAME}',
  '{NAME} iyi soru',
  'valla {NAME}',
  '{NAME} şöyle söyleyeyim',
  'selamlar {NAME}',
];

export const HUMAN_CLOSERS = [
  'kendi araştırmanı yapmayı unutma tabii',
  'sonuçta karar senin, YTD',
  'ben böyle görüyorum, YTD',
  'risk yönetimi her şeyden önemli',
  'aklına takılan olursa yaz',
  'sen ne düşünüyorsun?',
  'ne zamandır takip ediyorsun?',
  'acele etmeden karar ver derim',
];

export const TIME_PHRASES: Record<'morning' | 'noon' | 'evening' | 'night' | 'any', string[]> = {
  morning: ['açılışta', 'sabah sabah', 'güne', 'ilk yarım saatte', 'açılış seansında'],
  noon: ['öğlene doğru', 'öğle arasında', 'gün ortasında', 'ikinci seans öncesi'],
  evening: ['kapanışta', 'gün sonunda', 'kapanışa doğru', 'bugünkü kapanışta'],
  night: ['gece gece', 'yarın açılışta', 'gece saatlerinde', 'akşamdan beri'],
  any: ['bugün', 'şu sıralar', 'son günlerde', 'bu aralar'],
};

export const DOMAIN_EMOJI: Record<MarketDomain, string[]> = {
  bist: ['📈', '📉', '🤔', '👀'],
  fx: ['💵', '🤔', '👀'],
  crypto: ['🚀', '🪙', '👀'],
  macro: ['🏦', '🤔', '📊'],
  gold: ['🥇', '✨', '🤔'],
};

/** Synonym swaps for the offline paraphrase. */
export const SYNONYMS: ReadonlyArray<[string, string]> = [
  ['bence', 'bana kalırsa'],
  ['katılıyorum', 'aynı fikirdeyim'],
  ['yükseliş', 'yukarı hareket'],
  ['düşüş', 'geri çekilme'],
  ['direnç', 'direnç seviyesi'],
  ['destek', 'destek bölgesi'],
  ['kısa vadede', 'yakın vadede'],
  ['acele etmiyorum', 'aceleye gerek görmüyorum'],
  ['zayıf', 'cılız'],
  ['güçlü', 'sağlam'],
  ['açıkçası', 'doğrusu'],
  ['takipteyim', 'izliyorum'],
  ['sanırım', 'galiba'],
  ['hacim', 'işlem hacmi'],
];
