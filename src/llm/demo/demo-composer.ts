import type { HoldingView, LengthCategory, NewsBrief, Rng } from '../../engine/engine-types';
import { pickOneOrThrow } from '../../engine/random.util';
import { analyzeSentiment } from '../../engine/sentiment';
import { trLower, TurkishCase, withSuffix } from '../../engine/turkish-text.util';
import type { DemoContext, DemoReplyTarget } from './demo-context';
import {
  AGREE_LEADS,
  CLOSERS,
  DISAGREE_LEADS,
  DOMAIN_EMOJI,
  HUMAN_CLOSERS,
  HUMAN_GREETINGS,
  INDICATORS_BEAR,
  INDICATORS_BULL,
  INDICATORS_NEUTRAL,
  Instrument,
  INSTRUMENTS,
  MACRO_DRIVERS,
  MarketDomain,
  MOVES_DOWN,
  MOVES_FLAT,
  MOVES_UP,
  NEWS_LEADS,
  NEWS_REACTIONS_DOWN,
  NEWS_REACTIONS_FLAT,
  NEWS_REACTIONS_UP,
  OPENERS_NEW,
  PLANS_BOLD,
  PLANS_CAUTIOUS,
  QUESTION_TEMPLATES,
  TIME_PHRASES,
  TIMEFRAMES,
  TOPIC_KEYWORDS,
} from './demo-vocabulary';

/**
 * Message composition of the demo generator: a scene (domain, instrument, own view, register,
 * time of day) is drawn from the context, then clauses from several families are filled from the
 * vocabulary and joined like a chat line.
 */

export type Direction = 'up' | 'down' | 'flat';

export interface Scene {
  domain: MarketDomain;
  instrument: Instrument;
  holding: HoldingView | null;
  /** Own view on the instrument, from stances (or the persona's risk appetite). */
  view: Direction;
  cautious: boolean;
  bold: boolean;
  timeKey: keyof typeof TIME_PHRASES;
}

export function domainOf(topic: string | null, symbols: readonly string[]): MarketDomain | null {
  for (const symbol of symbols) {
    const known = INSTRUMENTS.find((i) => i.symbol === symbol);
    if (known) {
      return known.domain;
    }
  }
  const lower = trLower(topic ?? '');
  for (const [pattern, domain] of TOPIC_KEYWORDS) {
    if (pattern.test(lower)) {
      return domain;
    }
  }
  return null;
}

function instrumentFor(symbol: string): Instrument {
  const known = INSTRUMENTS.find((i) => i.symbol === symbol);
  if (known) {
    return known;
  }
  // Unknown upper-case tickers are treated as BIST shares without a reference level.
  return { symbol, domain: 'bist', level: null, unit: '' };
}

function timeKeyOf(timeOfDay: string): keyof typeof TIME_PHRASES {
  const lower = trLower(timeOfDay);
  if (/gece|night/u.test(lower)) {
    return 'night';
  }
  if (/akşam|kapanış|evening/u.test(lower)) {
    return 'evening';
  }
  if (/öğle|noon/u.test(lower)) {
    return 'noon';
  }
  if (/sabah|açılış|morning/u.test(lower)) {
    return 'morning';
  }
  return 'any';
}

export function directionOf(text: string): Direction {
  const score = analyzeSentiment(text).score;
  return score > 0.15 ? 'up' : score < -0.15 ? 'down' : 'flat';
}

export function buildScene(context: DemoContext, rng: Rng): Scene {
  const focus = context.focusSymbols ?? [];
  const targetSymbols = focus.length > 0 ? focus : (context.replyTarget?.symbols ?? []);
  const domain =
    domainOf(context.topic, targetSymbols) ??
    domainOf(null, context.persona.watchlist) ??
    pickOneOrThrow(['bist', 'fx', 'crypto', 'gold', 'macro'] as const, rng);
  const inDomain = (symbol: string): boolean => instrumentFor(symbol).domain === domain;
  const candidates = [
    ...targetSymbols.filter(inDomain),
    ...context.holdings.map((h) => h.symbol).filter(inDomain),
    ...context.persona.watchlist.filter(inDomain),
  ];
  const pool =
    candidates.length > 0
      ? candidates
      : INSTRUMENTS.filter((i) => i.domain === domain).map((i) => i.symbol);
  // Prefer the reply target's symbol when there is one; otherwise mix own symbols and the domain.
  const symbol =
    targetSymbols.some(inDomain) && (focus.length > 0 || rng() < 0.8)
      ? targetSymbols.filter(inDomain)[0]
      : rng() < 0.75
        ? pickOneOrThrow(pool, rng)
        : pickOneOrThrow(
            INSTRUMENTS.filter((i) => i.domain === domain),
            rng,
          ).symbol;
  const instrument = instrumentFor(symbol);
  const holding = context.holdings.find((h) => h.symbol === symbol) ?? null;
  const stance = context.stances.find(
    (s) =>
      trLower(s.topic) === trLower(symbol) ||
      trLower(s.stance_text).includes(trLower(symbol)) ||
      (context.topic !== null && trLower(s.topic) === trLower(context.topic)),
  );
  let view: Direction;
  if (stance) {
    view = directionOf(stance.stance_text);
  } else {
    const risk = context.persona.risk_profile;
    const roll = rng();
    view =
      risk === 'yüksek'
        ? roll < 0.6
          ? 'up'
          : roll < 0.8
            ? 'flat'
            : 'down'
        : risk === 'düşük'
          ? roll < 0.3
            ? 'up'
            : roll < 0.65
              ? 'flat'
              : 'down'
          : roll < 0.45
            ? 'up'
            : roll < 0.7
              ? 'flat'
              : 'down';
  }
  return {
    domain,
    instrument,
    holding,
    view,
    cautious: context.persona.risk_profile === 'düşük',
    bold: context.persona.risk_profile === 'yüksek',
    timeKey: timeKeyOf(context.timeOfDay),
  };
}

// ---------------------------------------------------------------------------------------------
// Slot filling

function niceNumber(value: number): string {
  if (value >= 1000) {
    const step = value >= 20000 ? 1000 : value >= 5000 ? 250 : 50;
    return (Math.round(value / step) * step).toLocaleString('tr-TR');
  }
  if (value >= 100) {
    return String(Math.round(value / 5) * 5);
  }
  if (value >= 10) {
    return String(Math.round(value));
  }
  return value.toLocaleString('tr-TR', { maximumFractionDigits: 2 });
}

function levelAround(rng: Rng, base: number, spread: number): number {
  return base * (1 + (rng() * 2 - 1) * spread);
}

function fill(template: string, scene: Scene, rng: Rng): string {
  const symbol = scene.instrument.symbol;
  const base = scene.holding?.avg_price ?? scene.instrument.level ?? 100;
  const unit = scene.instrument.unit;
  const level = (spread: number): string => `${niceNumber(levelAround(rng, base, spread))}${unit}`;
  const suffixed = (grammaticalCase: TurkishCase): string => withSuffix(symbol, grammaticalCase);
  const indicatorBank =
    scene.view === 'up'
      ? INDICATORS_BULL
      : scene.view === 'down'
        ? INDICATORS_BEAR
        : INDICATORS_NEUTRAL;
  // "[a|b|c]" picks one alternative: templates multiply into many surface forms.
  const expanded = template.replace(/\[([^\]]*)\]/g, (_, options: string) =>
    pickOneOrThrow(options.split('|'), rng),
  );
  return expanded.replace(/\{(\w+)\}/g, (_, slot: string) => {
    switch (slot) {
      case 'S':
        return symbol;
      case 'S_abl':
        return suffixed('ablative');
      case 'S_loc':
        return suffixed('locative');
      case 'S_dat':
        return suffixed('dative');
      case 'S_acc':
        return suffixed('accusative');
      case 'L':
        return level(0.06);
      case 'STOP':
        return `${niceNumber(base * (0.88 + rng() * 0.06))}${unit}`;
      case 'TARGET':
        return `${niceNumber(base * (1.12 + rng() * 0.2))}${unit}`;
      case 'AVG':
        return niceNumber(scene.holding?.avg_price ?? levelAround(rng, base, 0.08));
      case 'PCT':
        return `%${(0.5 + rng() * 3.5).toLocaleString('tr-TR', { maximumFractionDigits: 1 })}`;
      case 'TF':
        return pickOneOrThrow(TIMEFRAMES, rng);
      case 'IND':
        return pickOneOrThrow(indicatorBank, rng);
      case 'IND_N':
        return pickOneOrThrow([...INDICATORS_BULL, ...INDICATORS_BEAR, ...INDICATORS_NEUTRAL], rng);
      case 'MAC':
        return pickOneOrThrow(MACRO_DRIVERS, rng);
      case 'TOD':
        return pickOneOrThrow(TIME_PHRASES[scene.timeKey], rng);
      default:
        return slot;
    }
  });
}

/**
 * Picks a template the instrument can fill: price levels and chart talk make no sense for
 * "enflasyon", "faiz" or "TCMB", so those templates are skipped for macro subjects.
 */
function pickTemplate(rng: Rng, templates: readonly string[], scene: Scene): string {
  if (scene.domain !== 'macro' && (scene.instrument.level !== null || scene.holding?.avg_price)) {
    return pickOneOrThrow(templates, rng);
  }
  const usable = templates.filter((t) => !/\{(L|STOP|TARGET|AVG|IND|IND_N|PCT)\}/.test(t));
  return pickOneOrThrow(usable.length > 0 ? usable : templates, rng);
}

// ---------------------------------------------------------------------------------------------
// Clause banks per family

function observation(scene: Scene, rng: Rng): string {
  const moves = scene.view === 'up' ? MOVES_UP : scene.view === 'down' ? MOVES_DOWN : MOVES_FLAT;
  const macro = scene.domain === 'macro';
  const templates = macro
    ? [
        '{MAC} öncesi piyasada {S} konuşuluyor',
        '{S} tarafında {TOD} hareketlilik var',
        '{MAC} yüzünden {S} yine gündemde',
        '{S} konusunda {TF} sürpriz olabilir',
        `${scene.view === 'down' ? 'beklentiler bozuluyor' : scene.view === 'up' ? 'beklentiler iyileşiyor' : 'beklentiler karışık'}, {S} tarafına dikkat`,
      ]
    : [
        '{S} {TOD} ' + pickOneOrThrow(moves, rng),
        '{S} {TOD} {PCT} ' +
          (scene.view === 'down' ? 'ekside' : scene.view === 'up' ? 'artıda' : 'oynuyor'),
        '{S} {L} ' +
          (scene.view === 'down'
            ? 'desteğine geriledi'
            : scene.view === 'up'
              ? 'direncini zorluyor'
              : 'civarında sıkıştı'),
        '{TOD} {S} ' + pickOneOrThrow(moves, rng),
        '{S_loc} ' +
          (scene.view === 'up'
            ? 'alıcılar iştahlı'
            : scene.view === 'down'
              ? 'satıcılar baskın'
              : 'alıcı da satıcı da çekingen'),
        '{S} [grafiğine baktım|grafiğini açtım|günlüğe bir göz attım], {IND}',
        '[şu an|şu sıra|bu saatlerde] {S} ' + pickOneOrThrow(moves, rng),
      ];
  return fill(pickTemplate(rng, templates, scene), scene, rng);
}

export function supportClause(scene: Scene, rng: Rng): string {
  const up = scene.view === 'up';
  const down = scene.view === 'down';
  const templates =
    scene.domain === 'macro'
      ? [
          '{MAC} [tarafı|meselesi] netleşmeden [kimse risk almak istemiyor|piyasa yön bulamaz|büyük oyuncular beklemede]',
          '[asıl belirleyici|bence kilit nokta|ana mesele] {MAC} [olacak|olur|gibi duruyor]',
          'piyasa {TF} {MAC} [ile meşgul|gündemine kilitlenmiş|üzerinden fiyatlanıyor]',
          '[beklentiler|tahminler|anketler] {MAC} [için karışık|konusunda bölünmüş|tarafında iyimser]',
        ]
      : [
          '[teknikte|grafikte|teknik tarafta|grafiğe bakınca|günlükte] {IND}',
          '{IND}, {TF} [buna dikkat|bunu not edin|bu önemli|gözden kaçmasın]',
          '[bir de|ayrıca|unutmayalım,] {MAC} [etkisi var gibi|meselesi var|fiyatlara yansıyor|işin içinde]',
          '[hacim tarafında|işlem hacminde|hacme bakınca] ' +
            (up
              ? '[destek var|alıcı iştahı görünüyor|artış var|güç toplanıyor]'
              : down
                ? '[satıcı ağır basıyor|çıkış var|satış yoğun|zayıflık var]'
                : '[durgunluk var|bir şey yok|isteksizlik var|kıpırtı yok]'),
          '{L} ' +
            (down
              ? '[altı kapanış gelirse dikkat|altında kalıcılık olursa işler değişir|kırılırsa satış hızlanır|altına sarkarsa stoplar çalışır]'
              : '[üstü kalıcı olursa yol açılır|üzerinde kapanış gelirse hızlanır|geçilirse yeni bir bacak başlar|üstünde kalırsa hedefler büyür]'),
          '{TF} ' +
            (up
              ? '[yukarı yön daha olası|yukarı senaryo ağır basıyor|alıcılar önde|yükseliş devam eder gibi]'
              : down
                ? '[biraz daha baskı görebiliriz|aşağı yön ağır basıyor|satıcılar önde|düzeltme sürebilir]'
                : '[yön tayini zor|yatay seyir sürer|sıkışma devam eder|kararsızlık sürer]'),
          '[yanında bir de|ayrıca|bir de şu var:] {MAC} [gündemde|masada|bekleniyor], [onu da izlemek lazım|o da fiyatlamayı etkiler|takipte olmak lazım]',
          '[asıl belirleyici|bence kilit nokta|benim baktığım] {MAC} [olacak|olur|gibi duruyor]',
        ];
  return fill(pickTemplate(rng, templates, scene), scene, rng);
}

function planClause(scene: Scene, rng: Rng): string {
  const bank = scene.cautious
    ? PLANS_CAUTIOUS
    : scene.bold
      ? PLANS_BOLD
      : [...PLANS_CAUTIOUS, ...PLANS_BOLD];
  const lead = pickOneOrThrow(['', '', 'ben ', 'ben şahsen ', 'kendi adıma ', 'şimdilik '], rng);
  return lead + fill(pickTemplate(rng, bank, scene), scene, rng);
}

function positionClause(scene: Scene, rng: Rng): string {
  if (scene.domain === 'macro') {
    return opinionClause(scene, rng);
  }
  const templates = scene.holding
    ? [
        '{S_abl} {AVG} [ortalamayla|maliyetle|civarından] [içerdeyim|pozisyonum var|malı taşıyorum]',
        'ben {S_dat} {AVG} [civarından|seviyesinden|ortalamasıyla] [girmiştim|girdim|pozisyon açmıştım]',
        '[portföyde|sepette|hesabımda] {S} var, [maliyetim|ortalamam] {AVG}',
        '{S_loc} [maliyetim|ortalamam] {AVG}, [rahatım|stres yok|sakinim]',
      ]
    : [
        '{S_loc} pozisyonum yok[ ama izliyorum| ama radarımda| şimdilik|, uygun seviye kolluyorum]',
        '{S} [için|tarafında] [elim boş|henüz bir şey yapmadım|nakitte bekliyorum]',
        '{S_dat} girmeyi [düşünüyorum|planlıyorum|kafama koydum] ama [acelem yok|seviye bekliyorum|önce teyit isterim]',
        '{S} [listemde|radarımda|izleme listemde], [uygun seviye bekliyorum|{L} civarı gelirse bakarım|acele etmiyorum]',
        '[ben|şahsen ben] {S_loc} [kenardayım şimdilik|izlemedeyim|seyirciyim bu aralar|henüz yokum]',
      ];
  return fill(pickTemplate(rng, templates, scene), scene, rng);
}

function questionClause(scene: Scene, rng: Rng): string {
  return fill(pickTemplate(rng, QUESTION_TEMPLATES, scene), scene, rng);
}

function newsClause(news: NewsBrief, scene: Scene, rng: Rng): string {
  const direction = directionOf(news.brief_tr);
  const reactions =
    direction === 'up'
      ? NEWS_REACTIONS_UP
      : direction === 'down'
        ? NEWS_REACTIONS_DOWN
        : NEWS_REACTIONS_FLAT;
  const brief = news.brief_tr.trim().replace(/[.!]+$/u, '');
  const lead = pickOneOrThrow(NEWS_LEADS, rng);
  return `${lead} ${brief}. ${capitalizeSentence(fill(pickTemplate(rng, reactions, scene), scene, rng))}`;
}

// ---------------------------------------------------------------------------------------------
// Composition

function capitalizeSentence(text: string): string {
  return text.length > 0 && /^\p{Ll}/u.test(text)
    ? text[0].toLocaleUpperCase('tr-TR') + text.slice(1)
    : text;
}

export function joinSentences(parts: string[], rng: Rng): string {
  const styleLower = rng() < 0.45;
  const endPeriod = rng() < 0.5;
  const sentences = parts
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p, i) => (i === 0 && styleLower ? p : capitalizeSentence(p)));
  return sentences
    .map((s, i) => {
      if (/[?!.…:]$/u.test(s)) {
        return s;
      }
      const last = i === sentences.length - 1;
      return last && !endPeriod ? s : `${s}${last ? '.' : rng() < 0.3 ? ',' : '.'}`;
    })
    .join(' ')
    .replace(/, (\p{Lu}\p{Ll})/gu, (_m, c: string) => `, ${c.toLocaleLowerCase('tr-TR')}`);
}

function clauseCount(length: LengthCategory, rng: Rng): number {
  switch (length) {
    case 'short':
      return 1;
    case 'medium':
      return rng() < 0.6 ? 2 : 3;
    case 'long':
      return rng() < 0.5 ? 3 : 4;
  }
}

function decoration(context: DemoContext, scene: Scene, rng: Rng, text: string): string {
  let out = text;
  if (context.persona.disclaimer && !/\bYTD\b/u.test(out) && rng() < 0.2 && !out.endsWith('?')) {
    out = `${out.replace(/\.$/u, '')}, YTD`;
  }
  if (context.persona.emojis && rng() < 0.25 + 0.3 * clamp01(context.emotion.energy)) {
    const own = context.emotion.signature_emoji.filter((e) => e.trim().length > 0);
    const emoji =
      own.length > 0 && rng() < 0.7
        ? pickOneOrThrow(own, rng)
        : pickOneOrThrow(DOMAIN_EMOJI[scene.domain], rng);
    out = `${out.replace(/\.$/u, '')} ${emoji}`;
  }
  return out;
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0.5;
}

function mentionPrefix(context: DemoContext): string {
  const target = context.replyTarget;
  if (!target || !context.mention) {
    return '';
  }
  if (target.username) {
    return `@${target.username} `;
  }
  // A human reply already greets by name; a bot reply addresses the speaker.
  return target.isHuman ? '' : `${target.speaker}, `;
}

export function composeMessage(context: DemoContext, rng: Rng, human: boolean): string {
  const scene = buildScene(context, rng);
  const count = clauseCount(context.length, rng);
  const parts: string[] = [];
  const target = context.action === 'reply' || human ? context.replyTarget : null;

  if (human && target) {
    // With an @mention in front, the greeting does not repeat the name.
    const name = context.mention && target.username ? '' : target.speaker;
    const greeting = pickOneOrThrow(HUMAN_GREETINGS, rng)
      .replace('{NAME}', name)
      .replace(/\s+/g, ' ')
      .trim();
    parts.push(fill(greeting, scene, rng));
    parts.push(
      targetIsQuestion(target.text) ? answerClause(scene, rng) : opinionClause(scene, rng),
    );
    if (count > 1) {
      parts.push(rng() < 0.5 ? supportClause(scene, rng) : positionClause(scene, rng));
    }
    parts.push(pickOneOrThrow(HUMAN_CLOSERS, rng));
  } else if (target) {
    parts.push(...replyParts(context, target, scene, rng, count));
  } else {
    parts.push(...newThreadParts(context, scene, rng, count));
  }
  if (!human && context.emotion.signature_phrases.length > 0 && rng() < 0.12) {
    parts.push(pickOneOrThrow(context.emotion.signature_phrases, rng));
  }
  const body = decoration(context, scene, rng, joinSentences(parts, rng));
  const prefix = mentionPrefix(context);
  return `${prefix}${prefix.endsWith(', ') ? lowerStart(body) : body}`.trim();
}

function targetIsQuestion(text: string): boolean {
  return analyzeSentiment(text).tags.includes('question');
}

/** Views on macro subjects: decisions, surprises and their spill-over, not charts. */
function macroOpinion(scene: Scene, rng: Rng): string {
  const core =
    scene.view === 'up'
      ? pickOneOrThrow(
          [
            '{S} tarafında {TF} [olumlu bir sürpriz|iyileşme|rahatlama] [bekliyorum|görebiliriz|sürpriz olmaz]',
            '{S} [beklentilerden iyi gelirse|rahatlarsa] [bankalar uçar|risk iştahı artar|kur sakinleşir]',
            '{S} konusunda [iyimserim|tablo düzeliyor|doğru yoldayız gibi]',
          ],
          rng,
        )
      : scene.view === 'down'
        ? pickOneOrThrow(
            [
              '{S} tarafında {TF} [kötü bir sürpriz|bozulma|sıkıntı] [olabilir|görebiliriz|kapıda]',
              '{S} [beklentilerin kötüsü gelirse|bozulursa] [piyasa sarsılır|bankalar satılır|kur baskı görür]',
              '{S} konusunda [karamsarım|işler karışık|acele etmemek lazım]',
            ],
            rng,
          )
        : pickOneOrThrow(
            [
              '{S} tarafında {TF} [sürpriz beklemiyorum|büyük değişiklik olmaz|beklentiye paralel gelir]',
              '{S} [konusunda|cephesinde] [herkes bekliyor|yön netleşmedi|belirsizlik sürüyor]',
            ],
            rng,
          );
  return fill(core, scene, rng);
}

function opinionCore(scene: Scene, rng: Rng): string {
  if (scene.domain === 'macro') {
    return macroOpinion(scene, rng);
  }
  const core =
    scene.view === 'up'
      ? pickOneOrThrow(
          [
            '{S} {TF} [yukarı gitmek istiyor|yukarı yönlü|yükselişe hazırlanıyor|yukarı bakıyor]',
            '{S_loc} [hikaye bitmedi|potansiyel var|daha yol var|iş daha yeni başlıyor]',
            '{S} için [tablo|görünüm|resim|teknik görünüm] [olumlu|iyi|fena değil|toparlanıyor]',
            '{S} {TF} [sürpriz yapabilir|şaşırtabilir|iyi bir hareket yapabilir|güzel bir ivme yakalayabilir]',
            '[bu aralar|şu sıralar|son günlerde] {S} [gözüme güçlü görünüyor|iyi toparladı|alıcı buluyor]',
          ],
          rng,
        )
      : scene.view === 'down'
        ? pickOneOrThrow(
            [
              '{S} {TF} [biraz daha zorlanır|baskı görür|sıkıntı çeker|yorulur]',
              '{S_loc} [henüz dip gelmedi|dip arayışı sürüyor|düzeltme bitmedi|satıcılar yorulmadı]',
              '{S} için [acele etmemek|sabırlı olmak|beklemek|temkinli olmak] [lazım|mantıklı|en doğrusu]',
              '{S} [tarafında|cephesinde] [risk ağır basıyor|tablo zayıf|işler karışık|hava bozuk]',
              '[bu aralar|şu sıralar|son günlerde] {S} [yorgun görünüyor|alıcı bulamıyor|zayıf kaldı]',
            ],
            rng,
          )
        : pickOneOrThrow(
            [
              '{S} {TF} [yatay kalır gibi|yön bulamaz|bantta kalır|sakin kalır]',
              '{S_loc} [yön netleşmedi|karar verilmedi|kimse acele etmiyor|herkes bekliyor]',
              '{S} için [beklemek|sabretmek|izlemek] [en iyisi|mantıklı|en doğrusu]',
              '{S} [kararsız görünüyor|sıkışmış durumda|nefes topluyor|bekleme modunda]',
              '[bu aralar|şu sıralar|son günlerde] {S} [pek bir şey yapmıyor|yerinde sayıyor|sessiz]',
            ],
            rng,
          );
  return fill(core, scene, rng);
}

function opinionClause(scene: Scene, rng: Rng): string {
  const lead = scene.cautious
    ? pickOneOrThrow(['bence', 'bana kalırsa', 'açıkçası', 'şahsen'], rng)
    : pickOneOrThrow(['bence', 'net söyleyeyim', 'bana sorarsan', 'açık konuşayım'], rng);
  return `${lead} ${opinionCore(scene, rng)}`;
}

function answerClause(scene: Scene, rng: Rng): string {
  const intro = pickOneOrThrow(
    ['kendi adıma söyleyeyim', 'benim gördüğüm şu', 'şöyle bakıyorum', 'kısaca', 'bana göre'],
    rng,
  );
  return `${intro}, ${opinionCore(scene, rng)}`;
}

export function lowerStart(text: string): string {
  // "Bence" and "O kadar" lose the capital; tickers like "THYAO" keep it.
  return /^\p{Lu}(\p{Ll}|\s)/u.test(text)
    ? text[0].toLocaleLowerCase('tr-TR') + text.slice(1)
    : text;
}

function newThreadParts(context: DemoContext, scene: Scene, rng: Rng, count: number): string[] {
  const parts: string[] = [];
  const opener = pickOneOrThrow(OPENERS_NEW, rng);
  const roll = rng();
  if (context.news && roll < 0.6) {
    parts.push(newsClause(context.news, scene, rng));
  } else if (roll < 0.3) {
    parts.push(questionClause(scene, rng));
    return opener ? [`${opener}, ${parts[0]}`] : parts;
  } else if (roll < 0.5 && scene.domain !== 'macro') {
    parts.push(positionClause(scene, rng));
  } else {
    const first = observation(scene, rng);
    parts.push(opener ? `${opener}, ${first}` : first);
  }
  addExtras(parts, [supportClause, planClause, opinionClause, positionClause], scene, rng, count);
  if (count > 1 && rng() < 0.35) {
    const closer = pickOneOrThrow(CLOSERS, rng);
    if (closer) {
      parts.push(closer);
    }
  }
  return parts;
}

function replyParts(
  context: DemoContext,
  target: DemoReplyTarget,
  scene: Scene,
  rng: Rng,
  count: number,
): string[] {
  const parts: string[] = [];
  if (targetIsQuestion(target.text)) {
    parts.push(rng() < 0.5 ? answerClause(scene, rng) : opinionClause(scene, rng));
  } else {
    const theirs = directionOf(target.text);
    // Agree when views align; cautious people push back on euphoria, bold ones on gloom.
    const disagree =
      (theirs !== 'flat' && theirs !== scene.view && scene.view !== 'flat') ||
      (scene.cautious && theirs === 'up' && rng() < 0.4) ||
      (scene.bold && theirs === 'down' && rng() < 0.4) ||
      rng() < 0.2;
    const lead = pickOneOrThrow(disagree ? DISAGREE_LEADS : AGREE_LEADS, rng);
    const reason = disagree
      ? counterClause(scene, theirs, rng)
      : rng() < 0.6
        ? supportClause(scene, rng)
        : opinionCore(scene, rng);
    parts.push(`${lead}, ${reason}`);
  }
  addExtras(parts, [supportClause, planClause, positionClause, questionClause], scene, rng, count);
  if (context.news && count > 2 && rng() < 0.4) {
    parts.push(newsClause(context.news, scene, rng));
  }
  return parts;
}

type ClauseFn = (scene: Scene, rng: Rng) => string;

/** Adds clauses from different families (each at most once) until the message has `count`. */
function addExtras(
  parts: string[],
  families: ClauseFn[],
  scene: Scene,
  rng: Rng,
  count: number,
): void {
  const pool = [...families];
  while (parts.length < count && pool.length > 0) {
    const family = pool.splice(Math.floor(rng() * pool.length), 1)[0];
    const clause = family(scene, rng);
    if (!parts.some((part) => part.includes(clause) || clause.includes(part))) {
      parts.push(clause);
    }
  }
}

function counterClause(scene: Scene, theirs: Direction, rng: Rng): string {
  if (scene.domain === 'macro') {
    return fill(
      pickOneOrThrow(
        [
          '{MAC} [riski hâlâ masada|belirsizliği sürüyor|konusu kapanmadı]',
          '{MAC} [tarafı düşündüğün kadar kötü değil|abartılıyor bence|zaten fiyatlandı]',
          '{S} [için erken konuşuyoruz|konusunda veri gelmeden hüküm vermem|tarafında tablo o kadar net değil]',
          '{MAC} sonrası [hareket hızlanır|oynaklık artar|yön netleşir]',
        ],
        rng,
      ),
      scene,
      rng,
    );
  }
  const templates =
    theirs === 'up'
      ? [
          '{S} için {L} üstü [kalıcı olmadan sevinmem|görülmeden ikna olmam|teyit edilmeden heveslenmem]',
          '{IND_N}[ diye not düşeyim|, bunu unutmayalım|, gözden kaçmasın]',
          '{MAC} [riski hâlâ masada|belirsizliği sürüyor|konusu kapanmadı]',
          '{TF} [kâr satışı gelebilir|düzeltme gelebilir|bir geri çekilme görebiliriz]',
        ]
      : theirs === 'down'
        ? [
            '{S} bu seviyelerde [fazla cezalandırıldı bence|ucuz kalmaya başladı|aşırı satıldı]',
            '{L} [civarı güçlü destek|bölgesi alıcı toplar|seviyesi kolay kırılmaz]',
            '{MAC} [tarafı düşündüğün kadar kötü değil|abartılıyor bence|zaten fiyatlandı]',
            '{TF} [tepki alımı gelebilir|bir sıçrama görebiliriz|toparlanma başlayabilir]',
          ]
        : [
            'bence {S} {TF} [yönünü belli edecek|hareketlenecek|kararını verecek]',
            '{S_loc} bu sakinlik [uzun sürmez|fırtına öncesi olabilir|aldatıcı]',
            '{MAC} sonrası [hareket hızlanır|oynaklık artar|yön netleşir]',
          ];
  return fill(pickTemplate(rng, templates, scene), scene, rng);
}
