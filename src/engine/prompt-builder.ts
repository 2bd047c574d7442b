import type {
  BotView,
  EmotionProfile,
  HistoryMessage,
  LengthCategory,
  MemoryView,
  NewsBrief,
  PersonaProfile,
  RiskProfile,
  StanceView,
} from './engine-types';
import { trLower } from './turkish-text.util';

/**
 * Prompt assembly (SPEC 7.3): a per-bot Turkish system prompt and a user prompt with the turn's
 * context. Pure and deterministic: the same input gives the same prompt, so prompts are unit
 * tested and a replay with another model sees exactly what the original turn saw.
 */

export type PromptMode = 'group' | 'human_reply';

export interface PromptInput {
  bot: BotView;
  /** 'group' for a bot turn, 'human_reply' when answering a real member (SPEC 7.9). */
  mode: PromptMode;
  action: 'reply' | 'new';
  topic: string | null;
  /** The chat's recent messages, oldest first. */
  history: readonly HistoryMessage[];
  replyTarget: HistoryMessage | null;
  /** Whether to @mention the reply target. */
  mention: boolean;
  news: NewsBrief | null;
  length: LengthCategory;
  /** e.g. "Salı sabahı, 10:15, BIST seansı açık" — computed by the caller in the chat timezone. */
  timeOfDay: string;
  personaRefreshDue: boolean;
  /** Estimated token budget for the transcript (default 1800). */
  historyTokenBudget?: number;
  /** The turn's clock, for stance cooldowns (passed in to keep the function pure). */
  now: Date;
  /**
   * Past references (SPEC 7.3): the bot's own earlier messages on this topic that are no longer
   * in the transcript, newest first. A few are quoted so it stays consistent without repeating.
   */
  pastReferences?: readonly string[];
}

export interface BuiltPrompt {
  system: string;
  user: string;
  /** Ids of the memories put into the prompt, so usage is counted in one write. */
  memoryIdsUsed: number[];
  /** Estimate of system + user tokens. */
  estimatedTokens: number;
}

export interface ChatPrompt {
  system: string;
  user: string;
}

export const MAX_STANCES = 6;
export const MAX_HOLDINGS = 6;
export const MAX_MEMORIES = 5;
export const MAX_PAST_REFERENCES = 3;
/** The transcript keeps at least this many turns when the chat has them (SPEC 7.3). */
export const MIN_HISTORY_TURNS = 15;
export const MAX_HISTORY_TURNS = 40;
export const DEFAULT_HISTORY_TOKEN_BUDGET = 1800;
/** A single long message is shortened at a sentence boundary to this many characters. */
const HISTORY_MESSAGE_CHAR_CAP = 480;

/**
 * Rough token count for Turkish text with GPT-style BPE vocabularies: agglutinative words split
 * into many pieces, about 3 characters per token (English is nearer 4). Used only for budgets.
 */
export function estimateTokens(text: string): number {
  if (text.length === 0) {
    return 0;
  }
  return Math.ceil([...text].length / 3);
}

export function confidenceInWords(confidence: number): string {
  if (confidence >= 0.75) {
    return 'yüksek';
  }
  if (confidence >= 0.45) {
    return 'orta';
  }
  return 'düşük';
}

const RISK_REGISTER: Record<RiskProfile, string> = {
  düşük:
    'Temkinlisin: riskleri, stop seviyelerini ve sabrı öne çıkarırsın; heyecanlı çağrılara şüpheyle bakarsın.',
  orta: 'Dengelisin: hem fırsatı hem riski tartarsın, net ama ölçülü konuşursun.',
  yüksek:
    'Cesursun: fırsat kovalarsın, volatiliteden korkmazsın, kendinden emin konuşursun; yine de kimseye al/sat demezsin.',
};

function energyWords(emotion: EmotionProfile): string {
  if (emotion.energy >= 0.7) {
    return 'enerjik ve hızlı';
  }
  if (emotion.energy <= 0.35) {
    return 'sakin ve ağırbaşlı';
  }
  return 'rahat';
}

function lengthHint(length: LengthCategory, persona: PersonaProfile): string {
  const hint: Record<LengthCategory, string> = {
    short: 'Kısa yaz: tek cümle, en fazla 15 kelime.',
    medium: 'Orta uzunlukta yaz: 1–2 cümle, 20–35 kelime.',
    long: 'Biraz uzun yaz: 2–4 cümle, 40–70 kelime; yine de sohbet dilinde.',
  };
  const preference =
    persona.style.length === 'kısa'
      ? ' Genelde kısa yazan birisin.'
      : persona.style.length === 'uzun'
        ? ' Genelde detaylı yazan birisin.'
        : '';
  return hint[length] + preference;
}

const GOOD_EXAMPLES = [
  'THYAO 300 üstünde haftalık kapanış yaparsa bakarım, yoksa acele yok.',
  'faiz kararı öncesi bankalarda biraz hafifledim açıkçası, sonra tekrar bakarım',
  'Dolar sakin ama CDS düşmeden ben rahatlamam 🤔',
];
const BAD_EXAMPLES = [
  'Yapay zeka olarak yatırım tavsiyesi veremem.  (kim olduğunu ele veriyor)',
  'Kesin %100 yükselecek, hemen alın!  (garanti ve tavsiye)',
  'Great analysis, I agree!  (İngilizce)',
  '**Analiz:** 1) Teknik görünüm 2) Temel görünüm  (rapor dili, sohbet değil)',
];

/** The per-bot system prompt. */
export function buildSystemPrompt(bot: BotView, mode: PromptMode): string {
  const { persona, emotion } = bot;
  const lines: string[] = [];
  lines.push(
    `Sen "${bot.name}" adında, Türk piyasaları (BIST, döviz, kripto, altın, makro) üzerine konuşulan bir Telegram grubunun sıradan bir üyesisin.`,
  );
  if (bot.persona_hint.trim()) {
    lines.push(`Kısaca sen: ${bot.persona_hint.trim()}`);
  }
  const tone = [persona.tone, emotion.tone].filter((t) => t.trim()).join(', ');
  lines.push(
    `Üslubun: ${tone || 'doğal'}; ${energyWords(emotion)} bir konuşma tarzın var. ${RISK_REGISTER[persona.risk_profile]}`,
  );
  if (emotion.empathy >= 0.65) {
    lines.push('Biri zarar ettiğinde ya da morali bozukken anlayış gösterirsin.');
  }
  if (persona.style.description.trim()) {
    lines.push(`Yazım tarzın: ${persona.style.description.trim()}`);
  }
  if (persona.style.emojis) {
    const preferred = emotion.signature_emoji.length
      ? ` Tercih ettiğin emojiler: ${emotion.signature_emoji.join(' ')}`
      : '';
    lines.push(`Arada bir, mesaj başına en fazla bir emoji kullanabilirsin.${preferred}`);
  } else {
    lines.push('Emoji kullanmazsın.');
  }
  if (emotion.signature_phrases.length > 0) {
    lines.push(
      `Sık kullandığın ifadeler (ara sıra, zorlamadan): ${emotion.signature_phrases.map((p) => `"${p}"`).join(', ')}`,
    );
  }
  if (persona.watchlist.length > 0) {
    lines.push(`Takip ettiğin semboller: ${persona.watchlist.join(', ')}`);
  }
  if (persona.never_do.length > 0) {
    lines.push(`Asla yapmadıkların: ${persona.never_do.join('; ')}`);
  }
  lines.push('');
  lines.push('Kurallar:');
  lines.push('- Her zaman Türkçe yaz; asla İngilizce cümle kurma.');
  lines.push('- Asla yapay zeka, bot, dil modeli ya da asistan olduğunu söyleme veya ima etme.');
  lines.push(
    '- Yatırım tavsiyesi verme: "al", "sat", "kesin kazanç", "garanti", "%100" gibi yönlendirme ve getiri vaadi yok; sadece kendi görüşünü ve ne yaptığını anlat.',
  );
  if (persona.style.disclaimer) {
    lines.push(
      '- Bir fikir verdiğinde arada kısa bir "YTD" (yatırım tavsiyesi değildir) notu düşersin.',
    );
  }
  lines.push('- Karakterinden çıkma; görüşlerin ve portföyünle tutarlı ol.');
  lines.push(
    '- Telegram grubundaki gerçek bir üye gibi yaz: doğal, kısa cümleler, gündelik dil; madde işareti, başlık, kalın yazı, hashtag yok.',
  );
  lines.push(
    '- Mesajın başına kendi adını ya da "[isim]:" etiketi koyma; sadece mesaj metnini yaz.',
  );
  lines.push(
    '- Uydurma kesin rakam verme; emin olmadığın fiyatı yaklaşık söyle ya da hiç söyleme.',
  );
  if (mode === 'human_reply') {
    lines.push(
      '- Şimdi gruptaki gerçek bir üyeye cevap veriyorsun: daha sıcak ve yardımsever ol, sorusuna doğrudan cevap ver, gerekirse bir karşı soru sor; ukalalık yapma.',
    );
  }
  lines.push('');
  lines.push('İyi örnekler:');
  GOOD_EXAMPLES.forEach((example) => lines.push(`- ${example}`));
  lines.push('Kötü örnekler (asla böyle yazma):');
  BAD_EXAMPLES.forEach((example) => lines.push(`- ${example}`));
  return lines.join('\n');
}

function personaSummary(bot: BotView): string {
  const { persona, emotion } = bot;
  const parts = [
    `${bot.name}`,
    persona.tone && `ton: ${persona.tone}`,
    `risk: ${persona.risk_profile}`,
    `enerji: ${energyWords(emotion)}`,
    persona.watchlist.length > 0 && `izlediği: ${persona.watchlist.slice(0, 8).join(', ')}`,
  ].filter((p): p is string => typeof p === 'string' && p.length > 0);
  return parts.join(' · ');
}

function mentionsAny(text: string, terms: readonly string[]): boolean {
  const lower = trLower(text);
  return terms.some((term) => term.length > 1 && lower.includes(trLower(term)));
}

/** Context words of the turn: topic, the symbols in play and the reply target's symbols. */
function focusTerms(input: PromptInput): string[] {
  const terms = new Set<string>();
  if (input.topic) {
    terms.add(input.topic);
  }
  input.replyTarget?.symbols.forEach((s) => terms.add(s));
  input.history.slice(-6).forEach((m) => m.symbols.forEach((s) => terms.add(s)));
  return [...terms];
}

export function selectStances(
  stances: readonly StanceView[],
  focus: readonly string[],
): StanceView[] {
  return [...stances]
    .map((stance, index) => ({
      stance,
      index,
      rank:
        (mentionsAny(`${stance.topic} ${stance.stance_text}`, focus) ? 1 : 0) + stance.confidence,
    }))
    .sort((a, b) => b.rank - a.rank || a.index - b.index)
    .slice(0, MAX_STANCES)
    .map((entry) => entry.stance);
}

export function selectMemories(
  memories: readonly MemoryView[],
  focus: readonly string[],
): MemoryView[] {
  return [...memories]
    .map((memory) => ({
      memory,
      rank: memory.relevance_score + (mentionsAny(memory.content, focus) ? 0.5 : 0),
    }))
    .sort((a, b) => b.rank - a.rank || a.memory.id - b.memory.id)
    .slice(0, MAX_MEMORIES)
    .map((entry) => entry.memory);
}

function formatPrice(value: number): string {
  return value.toLocaleString('tr-TR', { maximumFractionDigits: 2 });
}

function formatHolding(holding: BotView['holdings'][number]): string {
  const parts = [holding.symbol];
  if (holding.avg_price !== null) {
    parts.push(`ortalama ${formatPrice(holding.avg_price)}`);
  }
  if (holding.size !== null) {
    parts.push(`${formatPrice(holding.size)} adet`);
  }
  const note = holding.note?.trim();
  return note ? `${parts.join(', ')} — ${note}` : parts.join(', ');
}

/** Shortens one long message at a sentence (else word) boundary, marking the cut. */
function shortenForTranscript(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if ([...flat].length <= HISTORY_MESSAGE_CHAR_CAP) {
    return flat;
  }
  const head = [...flat].slice(0, HISTORY_MESSAGE_CHAR_CAP).join('');
  const sentenceEnd = Math.max(
    head.lastIndexOf('. '),
    head.lastIndexOf('? '),
    head.lastIndexOf('! '),
  );
  const cut =
    sentenceEnd > HISTORY_MESSAGE_CHAR_CAP / 2
      ? head.slice(0, sentenceEnd + 1)
      : head.slice(0, head.lastIndexOf(' '));
  return `${cut} […]`;
}

function speakerLabel(message: HistoryMessage, bot: BotView): string {
  if (message.bot_id === bot.id) {
    return `${message.speaker} (sen)`;
  }
  if (message.bot_id === null) {
    return `${message.speaker} (üye)`;
  }
  return message.speaker;
}

export interface TranscriptResult {
  lines: string[];
  /** How many of the given messages made it in (the newest ones). */
  turns: number;
  tokens: number;
}

/**
 * The recent history as "[speaker]: text" lines, newest kept: turns are dropped from the oldest
 * side once the token budget is spent, but the newest MIN_HISTORY_TURNS always stay (each is at
 * most HISTORY_MESSAGE_CHAR_CAP characters, so the worst case is bounded). Replies show whom they
 * answer so the model sees the threads.
 */
export function buildTranscript(
  history: readonly HistoryMessage[],
  bot: BotView,
  budget: number = DEFAULT_HISTORY_TOKEN_BUDGET,
): TranscriptResult {
  const recent = history.slice(-MAX_HISTORY_TURNS);
  const byId = new Map(recent.map((m) => [m.id, m]));
  const lines: string[] = [];
  let tokens = 0;
  for (let i = recent.length - 1; i >= 0; i--) {
    const message = recent[i];
    const target = message.reply_to_id === null ? undefined : byId.get(message.reply_to_id);
    const arrow = target ? ` → ${target.speaker}` : '';
    const line = `[${speakerLabel(message, bot)}${arrow}]: ${shortenForTranscript(message.text)}`;
    const cost = estimateTokens(line) + 1;
    if (lines.length >= MIN_HISTORY_TURNS && tokens + cost > budget) {
      break;
    }
    lines.unshift(line);
    tokens += cost;
  }
  return { lines, turns: lines.length, tokens };
}

const REFRESH_NOTE =
  'Hatırlatma: kim olduğunu unutma. Üslubun, risk profilin, görüşlerin ve portföyün yukarıda; son mesajlarında bunlardan uzaklaştıysan bu mesajda kendine dön.';

/** The turn's full prompt. */
export function buildPrompt(input: PromptInput): BuiltPrompt {
  const { bot } = input;
  const system = buildSystemPrompt(bot, input.mode);
  const focus = focusTerms(input);
  const sections: string[] = [];

  sections.push(`Kimsin: ${personaSummary(bot)}`);

  const stances = selectStances(bot.stances, focus);
  if (stances.length > 0) {
    const now = input.now.getTime();
    sections.push(
      'Görüşlerin:\n' +
        stances
          .map((s) => {
            const cooling =
              s.cooldown_until && s.cooldown_until.getTime() > now
                ? ' (bu görüşü yakın zamanda net söyledin, değiştirme)'
                : '';
            return `- ${s.topic}: ${s.stance_text} (güven: ${confidenceInWords(s.confidence)})${cooling}`;
          })
          .join('\n'),
    );
  }

  const holdings = [...bot.holdings]
    .map((h, index) => ({ h, index, focus: focus.includes(h.symbol) ? 1 : 0 }))
    .sort((a, b) => b.focus - a.focus || a.index - b.index)
    .slice(0, MAX_HOLDINGS)
    .map((entry) => entry.h);
  if (holdings.length > 0) {
    sections.push('Portföyün:\n' + holdings.map((h) => `- ${formatHolding(h)}`).join('\n'));
  }

  const memories = selectMemories(bot.memories, focus);
  if (memories.length > 0) {
    sections.push('Hatırladıkların:\n' + memories.map((m) => `- ${m.content.trim()}`).join('\n'));
  }
  if (bot.emotion.anecdotes.length > 0) {
    sections.push(`Geçmişinden bir anı (uygunsa değin): ${bot.emotion.anecdotes[0]}`);
  }

  const inTranscript = new Set(input.history.map((m) => m.text.trim()));
  const past = (input.pastReferences ?? [])
    .map((text) => text.trim())
    .filter((text) => text.length > 0 && !inTranscript.has(text))
    .slice(0, MAX_PAST_REFERENCES);
  if (past.length > 0) {
    sections.push(
      'Daha önce bu konuda yazdıkların (tutarlı kal ama tekrar etme):\n' +
        past.map((text) => `- ${shortenForTranscript(text)}`).join('\n'),
    );
  }

  const transcript = buildTranscript(
    input.history,
    bot,
    input.historyTokenBudget ?? DEFAULT_HISTORY_TOKEN_BUDGET,
  );
  sections.push(
    transcript.lines.length > 0
      ? `Son konuşma (eskiden yeniye, "(üye)" gerçek grup üyesi, "(sen)" senin mesajın):\n${transcript.lines.join('\n')}`
      : 'Son konuşma: grup şu an sessiz, henüz mesaj yok.',
  );

  if (input.action === 'reply' && input.replyTarget) {
    const target = input.replyTarget;
    const who = target.bot_id === null ? `${target.speaker} (gerçek üye)` : target.speaker;
    const quoted = shortenForTranscript(target.text).replace(/"/g, "'");
    let mentionRule = 'Adını ya da @etiketini yazma; yanıt olarak gönderilecek.';
    if (input.mention) {
      mentionRule = target.username
        ? `Mesajına @${target.username} ile başla.`
        : `Mesajında ${target.speaker} diye hitap et.`;
    }
    sections.push(`Yanıtlayacağın mesaj — ${who}: "${quoted}"\n${mentionRule}`);
  } else {
    sections.push(
      `Yeni bir konu aç${input.topic ? ` (${input.topic})` : ''}: kimseye yanıt vermeden gruba kendi gözlemini, sorunu ya da pozisyonunu yaz.`,
    );
  }

  if (input.topic) {
    sections.push(`Konu: ${input.topic}`);
  }
  if (input.news) {
    sections.push(`Gündemdeki haber (uygunsa değin, aynen kopyalama): ${input.news.brief_tr}`);
  }
  sections.push(`Zaman: ${input.timeOfDay}`);
  sections.push(`Uzunluk: ${lengthHint(input.length, bot.persona)}`);
  if (input.personaRefreshDue) {
    sections.push(REFRESH_NOTE);
  }
  sections.push(
    input.mode === 'human_reply'
      ? 'Görev: bu üyenin mesajına grubun bir üyesi olarak cevabını yaz; bir şey sorduysa önce doğrudan ona cevap ver. Sadece mesaj metni.'
      : 'Görev: sohbetteki sıradaki mesajını yaz. Son mesajları tekrar etme, yeni bir şey kat. Sadece mesaj metni.',
  );

  const user = sections.join('\n\n');
  return {
    system,
    user,
    memoryIdsUsed: memories.map((m) => m.id),
    estimatedTokens: estimateTokens(system) + estimateTokens(user),
  };
}

/** Dedup retry (SPEC 7.7): say the same thing differently. */
export function buildParaphrasePrompt(
  bot: BotView,
  draft: string,
  avoid: readonly string[],
  length: LengthCategory,
): ChatPrompt {
  const avoidList = avoid
    .slice(-5)
    .map((text) => `- ${shortenForTranscript(text)}`)
    .join('\n');
  return {
    system: buildSystemPrompt(bot, 'group'),
    user: [
      `Bu mesajın daha önce yazılanlara çok benziyor:\n"${draft}"`,
      avoidList ? `Benzememesi gereken mesajlar:\n${avoidList}` : '',
      'Aynı fikri başka kelimelerle, başka bir açıdan ve farklı bir cümle yapısıyla yeniden yaz. Sembolleri ve sayıları koru.',
      `Uzunluk: ${lengthHint(length, bot.persona)}`,
      'Sadece yeni mesaj metnini yaz.',
    ]
      .filter((part) => part.length > 0)
      .join('\n\n'),
  };
}

/** Stance guard question (SPEC 7.8): a strict JSON verdict. */
export function buildConsistencyCheckPrompt(
  stances: readonly StanceView[],
  draft: string,
): ChatPrompt {
  return {
    system:
      'Bir metnin, yazarının kayıtlı görüşleriyle çelişip çelişmediğini değerlendiren titiz bir editörsün. Sadece JSON döndür.',
    user: [
      'Yazarın kayıtlı görüşleri:',
      stances
        .slice(0, MAX_STANCES)
        .map((s) => `- ${s.topic}: ${s.stance_text} (güven: ${confidenceInWords(s.confidence)})`)
        .join('\n'),
      `Taslak mesaj:\n"${draft}"`,
      'Taslak bu görüşlerden biriyle açıkça çelişiyor mu (ör. düşüş bekleyen biri kesin yükseliş bekliyormuş gibi yazıyorsa)? Ton farkı ya da konu dışı olmak çelişki değildir.',
      'Yalnızca şu biçimde cevap ver: {"contradicts": true|false, "reason": "kısa Türkçe gerekçe"}',
    ].join('\n\n'),
  };
}

export interface ConsistencyVerdict {
  contradicts: boolean;
  reason: string;
}

/**
 * Reads the verdict from a model reply that may wrap the JSON in prose or code fences. Null when
 * no valid verdict is found: the caller then keeps the draft (the guard must not block a turn).
 */
export function parseConsistencyVerdict(raw: string): ConsistencyVerdict | null {
  const match = /\{[\s\S]*?\}/u.exec(raw);
  if (!match) {
    return null;
  }
  try {
    const parsed: unknown = JSON.parse(match[0]);
    if (typeof parsed !== 'object' || parsed === null || !('contradicts' in parsed)) {
      return null;
    }
    const record = parsed as { contradicts: unknown; reason?: unknown };
    const contradicts =
      record.contradicts === true || record.contradicts === 'true'
        ? true
        : record.contradicts === false || record.contradicts === 'false'
          ? false
          : null;
    if (contradicts === null) {
      return null;
    }
    return { contradicts, reason: typeof record.reason === 'string' ? record.reason : '' };
  } catch {
    return null;
  }
}

/** Stance-consistent rewrite after a contradiction verdict. */
export function buildStanceRewritePrompt(
  bot: BotView,
  draft: string,
  stances: readonly StanceView[],
  reason: string,
  length: LengthCategory,
): ChatPrompt {
  return {
    system: buildSystemPrompt(bot, 'group'),
    user: [
      `Taslak mesajın görüşlerinle çelişiyor${reason ? ` (${reason})` : ''}:\n"${draft}"`,
      'Görüşlerin:\n' +
        stances
          .slice(0, MAX_STANCES)
          .map((s) => `- ${s.topic}: ${s.stance_text} (güven: ${confidenceInWords(s.confidence)})`)
          .join('\n'),
      'Mesajı görüşlerinle tutarlı olacak şekilde yeniden yaz; aynı konuya ve sohbete uygun kalsın.',
      `Uzunluk: ${lengthHint(length, bot.persona)}`,
      'Sadece yeni mesaj metnini yaz.',
    ].join('\n\n'),
  };
}

/** One-sentence Turkish news brief (SPEC 7.10), also for translating foreign headlines. */
export function buildNewsBriefPrompt(
  headline: string,
  summary: string | null,
  topic: string,
): ChatPrompt {
  return {
    system:
      'Türk piyasaları için kısa haber özetleri yazan bir editörsün. Her zaman Türkçe, tarafsız ve tek cümle yazarsın.',
    user: [
      `Konu: ${topic}`,
      `Başlık: ${headline}`,
      summary ? `Özet: ${summary.slice(0, 600)}` : '',
      'Bu haberi piyasayla ilgilenen birine tek cümlelik (en fazla 30 kelime) Türkçe bir özet olarak yaz. Yorum ve tavsiye ekleme. Sadece cümleyi yaz.',
    ]
      .filter((part) => part.length > 0)
      .join('\n'),
  };
}
