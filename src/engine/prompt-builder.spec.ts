import { makeBotView, makeMessage } from '../../test/support/lang-fixtures';
import type { HistoryMessage } from './engine-types';
import {
  buildConsistencyCheckPrompt,
  buildNewsBriefPrompt,
  buildParaphrasePrompt,
  buildPrompt,
  buildStanceRewritePrompt,
  buildSystemPrompt,
  buildTranscript,
  confidenceInWords,
  estimateTokens,
  MIN_HISTORY_TURNS,
  parseConsistencyVerdict,
  PromptInput,
} from './prompt-builder';

const now = new Date('2026-11-25T07:30:00Z');

function input(overrides: Partial<PromptInput> = {}): PromptInput {
  return {
    bot: makeBotView(),
    mode: 'group',
    action: 'new',
    topic: 'BIST',
    history: [],
    replyTarget: null,
    mention: false,
    news: null,
    length: 'short',
    timeOfDay: 'Çarşamba sabahı, 10:30, BIST seansı açık',
    personaRefreshDue: false,
    now,
    ...overrides,
  };
}

function history(
  count: number,
  text = 'BIST bugün sakin ama bankalar hareketli',
): HistoryMessage[] {
  return Array.from({ length: count }, (_, i) =>
    makeMessage({ id: i + 1, speaker: `Üye${i + 1}`, text: `${text} #${i + 1}` }),
  );
}

describe('buildSystemPrompt', () => {
  it('states the hard rules in Turkish', () => {
    const system = buildSystemPrompt(makeBotView(), 'group');
    expect(system).toContain('asla İngilizce');
    expect(system).toContain('yapay zeka, bot, dil modeli');
    expect(system).toContain('Yatırım tavsiyesi verme');
    expect(system).toContain('Telegram grubundaki gerçek bir üye gibi');
    expect(system).toContain('İyi örnekler');
    expect(system).toContain('Kötü örnekler');
  });

  it('derives the register from risk and tone, and the emoji rule from style', () => {
    const cautious = buildSystemPrompt(makeBotView(), 'group');
    expect(cautious).toContain('Temkinlisin');
    expect(cautious).toContain('samimi');
    expect(cautious).toContain('📈 🤔');
    expect(cautious).toContain('"sabır kazandırır"');
    expect(cautious).toContain('THYAO, EREGL, TUPRS');
    expect(cautious).toContain('YTD');
    const bot = makeBotView();
    const bold = buildSystemPrompt(
      {
        ...bot,
        persona: {
          ...bot.persona,
          risk_profile: 'yüksek',
          style: { ...bot.persona.style, emojis: false, disclaimer: false },
        },
      },
      'group',
    );
    expect(bold).toContain('Cesursun');
    expect(bold).toContain('Emoji kullanmazsın');
    expect(bold).not.toContain('YTD');
  });

  it('has a friendlier variant for real members', () => {
    expect(buildSystemPrompt(makeBotView(), 'human_reply')).toContain('gerçek bir üyeye cevap');
    expect(buildSystemPrompt(makeBotView(), 'group')).not.toContain('gerçek bir üyeye cevap');
  });
});

describe('buildTranscript', () => {
  it('is empty for an empty history and says so in the prompt', () => {
    expect(buildTranscript([], makeBotView())).toEqual({ lines: [], turns: 0, tokens: 0 });
    expect(buildPrompt(input()).user).toContain('grup şu an sessiz');
  });

  it('formats [speaker]: text, marks humans, the bot itself and reply arrows', () => {
    const first = makeMessage({ id: 1, speaker: 'Ayşe', text: 'dolar ne olur?' });
    const human = makeMessage({ id: 2, bot_id: null, speaker: 'Murat', text: 'bence 42' });
    const own = makeMessage({
      id: 3,
      bot_id: 1,
      speaker: 'Kemal',
      text: 'acele yok',
      reply_to_id: 1,
    });
    const { lines } = buildTranscript([first, human, own], makeBotView());
    expect(lines).toEqual([
      '[Ayşe]: dolar ne olur?',
      '[Murat (üye)]: bence 42',
      '[Kemal (sen) → Ayşe]: acele yok',
    ]);
  });

  it('keeps at least the newest 15 turns and trims from the oldest side by tokens', () => {
    const { lines, turns } = buildTranscript(history(30), makeBotView(), 100);
    expect(turns).toBe(MIN_HISTORY_TURNS);
    expect(lines[lines.length - 1]).toContain('#30');
    expect(lines[0]).toContain('#16');
  });

  it('includes more turns when the budget allows, newest always last', () => {
    const { turns, lines, tokens } = buildTranscript(history(30), makeBotView(), 100000);
    expect(turns).toBe(30);
    expect(lines[29]).toContain('#30');
    expect(tokens).toBeGreaterThan(0);
  });

  it('shortens a very long message at a sentence boundary instead of a blind cut', () => {
    const sentence = 'Bankacılık endeksi bugün güçlü bir görüntü çiziyor. ';
    const long = makeMessage({ id: 1, text: sentence.repeat(40) });
    const [line] = buildTranscript([long], makeBotView()).lines;
    expect(line.endsWith('görüntü çiziyor. […]') || line.endsWith('çiziyor. […]')).toBe(true);
    expect(line.length).toBeLessThan(520);
  });
});

describe('buildPrompt', () => {
  it('includes persona, stances with confidence words, holdings, memories and the task', () => {
    const bot = makeBotView({
      stances: [
        { topic: 'Kripto', stance_text: 'uzak duruyorum', confidence: 0.3, cooldown_until: null },
        {
          topic: 'BIST',
          stance_text: 'uzun vadede iyimserim',
          confidence: 0.8,
          cooldown_until: null,
        },
      ],
      holdings: [{ symbol: 'THYAO', avg_price: 285.5, size: 100, note: 'temettü için' }],
      memories: [
        { id: 11, memory_type: 'fact', content: 'Geçen ay EREGL sattı', relevance_score: 0.4 },
        { id: 12, memory_type: 'fact', content: 'BIST için sabırlı', relevance_score: 0.3 },
      ],
    });
    const result = buildPrompt(input({ bot }));
    expect(result.user).toContain('Kimsin: Kemal');
    expect(result.user).toContain('- BIST: uzun vadede iyimserim (güven: yüksek)');
    expect(result.user).toContain('- Kripto: uzak duruyorum (güven: düşük)');
    // Stances on the turn's topic come first.
    expect(result.user.indexOf('- BIST:')).toBeLessThan(result.user.indexOf('- Kripto:'));
    expect(result.user).toContain('- THYAO, ortalama 285,5, 100 adet — temettü için');
    expect(result.user).toContain('Yeni bir konu aç (BIST)');
    expect(result.user).toContain('Zaman: Çarşamba sabahı');
    expect(result.user).toContain('Uzunluk: Kısa yaz');
    // Topic match boosts memory 12 above the higher-scored memory 11.
    expect(result.memoryIdsUsed).toEqual([12, 11]);
    expect(result.estimatedTokens).toBe(
      estimateTokens(result.system) + estimateTokens(result.user),
    );
  });

  it('caps stances, holdings and memories', () => {
    const bot = makeBotView({
      stances: Array.from({ length: 9 }, (_, i) => ({
        topic: `T${i}`,
        stance_text: `görüş ${i}`,
        confidence: i / 10,
        cooldown_until: null,
      })),
      holdings: Array.from({ length: 9 }, (_, i) => ({
        symbol: `SYM${i}`,
        avg_price: null,
        size: null,
        note: null,
      })),
      memories: Array.from({ length: 9 }, (_, i) => ({
        id: i,
        memory_type: 'fact',
        content: `anı ${i}`,
        relevance_score: i,
      })),
    });
    const result = buildPrompt(input({ bot, topic: null }));
    expect(result.user.match(/\(güven: /g)).toHaveLength(6);
    expect(result.user.match(/- SYM\d/g)).toHaveLength(6);
    expect(result.memoryIdsUsed).toEqual([8, 7, 6, 5, 4]);
  });

  it('quotes the reply target and asks for an @mention only when wanted', () => {
    const target = makeMessage({ speaker: 'Ayşe', username: 'ayse_k', text: 'THYAO "uçar" mı?' });
    const mention = buildPrompt(input({ action: 'reply', replyTarget: target, mention: true }));
    expect(mention.user).toContain(`Yanıtlayacağın mesaj — Ayşe: "THYAO 'uçar' mı?"`);
    expect(mention.user).toContain('Mesajına @ayse_k ile başla.');
    const quiet = buildPrompt(input({ action: 'reply', replyTarget: target, mention: false }));
    expect(quiet.user).toContain('Adını ya da @etiketini yazma');
    const noUsername = buildPrompt(
      input({ action: 'reply', replyTarget: { ...target, username: null }, mention: true }),
    );
    expect(noUsername.user).toContain('Ayşe diye hitap et');
  });

  it('marks a human target and uses the friendlier task in human_reply mode', () => {
    const target = makeMessage({ bot_id: null, speaker: 'Murat', text: 'altın alınır mı sizce?' });
    const result = buildPrompt(
      input({ mode: 'human_reply', action: 'reply', replyTarget: target }),
    );
    expect(result.user).toContain('Murat (gerçek üye)');
    expect(result.user).toContain('bu üyenin mesajına');
    expect(result.system).toContain('gerçek bir üyeye cevap');
  });

  it('adds the news brief, the refresh note and the cooldown hint when due', () => {
    const bot = makeBotView({
      stances: [
        {
          topic: 'BIST',
          stance_text: 'iyimserim',
          confidence: 0.5,
          cooldown_until: new Date(now.getTime() + 60_000),
        },
      ],
    });
    const result = buildPrompt(
      input({
        bot,
        personaRefreshDue: true,
        news: { topic: 'BIST', headline: 'x', brief_tr: 'TCMB faizi sabit tuttu.', url: null },
      }),
    );
    expect(result.user).toContain('Gündemdeki haber');
    expect(result.user).toContain('TCMB faizi sabit tuttu.');
    expect(result.user).toContain('Hatırlatma: kim olduğunu unutma');
    expect(result.user).toContain('(güven: orta) (bu görüşü yakın zamanda net söyledin');
    expect(buildPrompt(input()).user).not.toContain('Hatırlatma');
  });

  it('quotes a few past references that are not already in the transcript', () => {
    const inHistory = makeMessage({ bot_id: 1, speaker: 'Kemal', text: 'THYAO için sabırlıyım' });
    const result = buildPrompt(
      input({
        history: [inHistory],
        pastReferences: ['THYAO için sabırlıyım', 'EREGL temettüsü iyi', '  ', 'bir', 'iki', 'üç'],
      }),
    );
    expect(result.user).toContain('Daha önce bu konuda yazdıkların');
    expect(result.user).toContain('- EREGL temettüsü iyi\n- bir\n- iki\n');
    expect(result.user).not.toContain('- üç');
    expect(result.user).not.toContain('- THYAO için sabırlıyım');
    expect(buildPrompt(input()).user).not.toContain('Daha önce bu konuda');
  });

  it('is deterministic', () => {
    const i = input({ history: history(20) });
    expect(buildPrompt(i)).toEqual(buildPrompt(i));
  });
});

describe('helper prompts', () => {
  const stances = [
    { topic: 'Dolar', stance_text: 'kur yukarı gider', confidence: 0.9, cooldown_until: null },
  ];

  it('asks for a paraphrase with the texts to avoid', () => {
    const prompt = buildParaphrasePrompt(makeBotView(), 'dolar uçar', ['dolar uçacak'], 'short');
    expect(prompt.user).toContain('"dolar uçar"');
    expect(prompt.user).toContain('- dolar uçacak');
    expect(prompt.user).toContain('Sembolleri ve sayıları koru');
  });

  it('asks for a strict JSON verdict and parses it robustly', () => {
    const prompt = buildConsistencyCheckPrompt(stances, 'dolar düşecek');
    expect(prompt.user).toContain('{"contradicts": true|false, "reason"');
    expect(prompt.user).toContain('- Dolar: kur yukarı gider (güven: yüksek)');
    expect(parseConsistencyVerdict('{"contradicts": true, "reason": "ters"}')).toEqual({
      contradicts: true,
      reason: 'ters',
    });
    expect(parseConsistencyVerdict('Cevap:\n```json\n{"contradicts": "false"}\n```')).toEqual({
      contradicts: false,
      reason: '',
    });
    expect(parseConsistencyVerdict('evet çelişiyor')).toBeNull();
    expect(parseConsistencyVerdict('{"contradicts": 3}')).toBeNull();
    expect(parseConsistencyVerdict('{bozuk json')).toBeNull();
    expect(parseConsistencyVerdict('{"reason": "x"}')).toBeNull();
  });

  it('builds the rewrite and news brief prompts', () => {
    const rewrite = buildStanceRewritePrompt(
      makeBotView(),
      'dolar düşer',
      stances,
      'ters',
      'medium',
    );
    expect(rewrite.user).toContain('görüşlerinle çelişiyor (ters)');
    expect(rewrite.user).toContain('kur yukarı gider');
    const brief = buildNewsBriefPrompt('Fed holds rates', null, 'Makro');
    expect(brief.user).toContain('Başlık: Fed holds rates');
    expect(brief.user).toContain('tek cümlelik');
    expect(brief.user).not.toContain('Özet:');
  });

  it('words confidence', () => {
    expect([0.9, 0.75, 0.5, 0.2].map(confidenceInWords)).toEqual([
      'yüksek',
      'yüksek',
      'orta',
      'düşük',
    ]);
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abc')).toBe(1);
  });
});
