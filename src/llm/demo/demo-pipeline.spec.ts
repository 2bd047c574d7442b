import { findNearDuplicate } from '../../engine/dedup';
import { humanize, HumanizerBot, protectedTokens } from '../../engine/humanizer';
import { postProcess } from '../../engine/post-process';
import { pickReaction, SAFE_REACTION_EMOJI } from '../../engine/reaction-picker';
import { seededRng } from '../../engine/random.util';
import type { DemoContext } from './demo-context';
import { demoComplete } from './demo-generator';

/**
 * The pure language modules in the order a turn uses them (generate → post-process → dedup →
 * humanize → react), over many demo turns: every stage must accept what the previous one made.
 */
describe('demo turn through the language pipeline', () => {
  const bots: HumanizerBot[] = [1, 2, 3].map((id) => ({
    id,
    name: `Bot${id}`,
    persona: {
      risk_profile: (['düşük', 'orta', 'yüksek'] as const)[id - 1],
      style: { emojis: id !== 2, length: 'kısa', disclaimer: id === 1, description: '' },
    },
    emotion: { energy: 0.3 * id, signature_emoji: ['🔥', '📈'] },
  }));

  it('keeps every stage consistent over 300 turns', () => {
    const sent: string[] = [];
    let duplicates = 0;
    for (let turn = 0; turn < 300; turn++) {
      const bot = bots[turn % bots.length];
      const previous = sent[sent.length - 1];
      const context: DemoContext = {
        botName: bot.name,
        persona: {
          risk_profile: bot.persona.risk_profile,
          watchlist: ['THYAO', 'BTC', 'USD/TRY'],
          emojis: bot.persona.style.emojis,
          disclaimer: bot.persona.style.disclaimer,
        },
        emotion: { energy: bot.emotion.energy, signature_emoji: ['🔥'], signature_phrases: [] },
        topic: ['BIST', 'Kripto', 'FX', 'Makro', 'Altın'][turn % 5],
        holdings: [],
        stances: [],
        action: previous && turn % 2 === 0 ? 'reply' : 'new',
        replyTarget:
          previous && turn % 2 === 0
            ? { speaker: 'Ayşe', username: 'ayse', text: previous, isHuman: false, symbols: [] }
            : null,
        mention: turn % 5 === 0,
        news: null,
        length: (['short', 'medium', 'long'] as const)[turn % 3],
        timeOfDay: 'öğle',
      };
      const draft = demoComplete('message', context, turn);
      const cleaned = postProcess(draft, { botName: bot.name, length: context.length });
      expect(cleaned.dropped).toBe(false);
      if (findNearDuplicate(cleaned.text, sent.slice(-50)).duplicate) {
        duplicates++;
      }
      const human = humanize(cleaned.text, bot, {
        enabled: true,
        imperfectionProbability: 0.3,
        seed: turn,
      });
      const firstLine = human.text.split('\n')[0];
      const guarded = (text: string): string[] =>
        protectedTokens(text).filter((t) => !/^\p{Extended_Pictographic}/u.test(t));
      expect(guarded(firstLine)).toEqual(guarded(cleaned.text));
      // The humanized text is still acceptable to the filter (no English, nothing forbidden).
      expect(postProcess(human.text, { botName: bot.name, length: 'long' }).dropped).toBe(false);
      if (context.mention && context.replyTarget) {
        expect(human.text.startsWith('@ayse ')).toBe(true);
      }
      const reaction = pickReaction({
        text: human.text,
        signatureEmoji: bot.emotion.signature_emoji,
        rng: seededRng(turn),
      });
      expect(SAFE_REACTION_EMOJI).toContain(reaction.emoji);
      sent.push(human.text);
    }
    expect(duplicates / 300).toBeLessThan(0.05);
  });
});
