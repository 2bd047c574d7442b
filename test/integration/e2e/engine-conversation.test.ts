import { Chat } from '../../../src/chats/entities/chat.entity';
import { MessageKind, MessageState } from '../../../src/messages/entities/message.entity';
import { EngineE2e, FAST_SETTINGS, SeededBot } from '../../support/engine-e2e';

/**
 * The whole system for real: the API, two worker processes, telegraf against the fake Telegram
 * Bot API and the openai SDK against the fake OpenAI server. Data is seeded as database rows.
 */
describe('engine end to end: API, two workers, fake Telegram and fake OpenAI', () => {
  let e2e: EngineE2e;
  let bots: SeededBot[];
  let chats: Chat[];

  beforeAll(async () => {
    e2e = await EngineE2e.start('e2e_conv');
    await e2e.settings({
      ...FAST_SETTINGS,
      mention_probability: 1,
      reply_probability: 0.9,
      reply_to_bots_probability: 1,
      short_reaction_probability: 0.35,
      consistency_guard_enabled: true,
    });
    bots = [
      await e2e.bot('Kemal', {
        personaProfile: { tone: 'temkinli', risk_profile: 'düşük', watchlist: ['THYAO', 'EREGL'] },
      }),
      await e2e.bot('Ayse', {
        personaProfile: { tone: 'enerjik', risk_profile: 'yüksek', watchlist: ['ASELS', 'BTC'] },
      }),
      await e2e.bot('Murat', {
        personaProfile: { tone: 'alaycı', risk_profile: 'orta', watchlist: ['TUPRS', 'USDTRY'] },
      }),
    ];
    await e2e.stance(bots[0].bot.id, 'BIST', 'BIST yıl sonuna kadar yükselir', 0.8);
    await e2e.stance(bots[1].bot.id, 'FX', 'Dolar/TL yavaş ama istikrarlı çıkar', 0.5);
    await e2e.holding(bots[0].bot.id, 'THYAO', 285.5, 120);
    await e2e.holding(bots[1].bot.id, 'ASELS', 61.2, 300);
    const ids = bots.map((b) => b.bot.id);
    chats = [await e2e.chat('Borsa sohbet', ids), await e2e.chat('Yatırım kulübü', ids)];
    await Promise.all([e2e.startWorker(), e2e.startWorker()]);
  }, 120000);

  afterAll(async () => {
    await e2e?.stop();
  }, 60000);

  it('bots talk in their chats, thread replies, mention, react and stay within Telegram limits', async () => {
    await e2e.waitFor(
      'enough sent messages and a reaction in both chats',
      async () => {
        const sent = await e2e.messages({ state: MessageState.Sent });
        const replies = sent.filter((m) => m.kind === MessageKind.Text && m.replyToMessageId);
        return (
          // The checks below look at text messages: wait until there are enough of them.
          sent.filter((m) => m.kind === MessageKind.Text).length >= 6 &&
          chats.every((c) => sent.filter((m) => m.chatDbId === c.id).length >= 3) &&
          replies.length >= 2 &&
          sent.some((m) => m.kind === MessageKind.Reaction)
        );
      },
      60000,
    );
    await e2e.settings({ simulation_active: false });
    // Let sends already in flight finish so the comparison below is of settled rows.
    await new Promise((r) => setTimeout(r, 1500));

    const tokenOf = new Map(bots.map((b) => [b.bot.id, b.token]));
    const chatOf = new Map(chats.map((c) => [c.id, c.chatId]));
    const rows = await e2e.messages();
    const sentTexts = rows.filter(
      (m) => m.state === MessageState.Sent && m.kind === MessageKind.Text,
    );
    expect(sentTexts.length).toBeGreaterThanOrEqual(6);

    for (const row of sentTexts) {
      // The right bot (token) said exactly this in the right chat, once, under this message id.
      const matches = e2e.telegram.messages.filter((m) => m.text === row.text);
      expect(matches).toHaveLength(1);
      expect(matches[0].token).toBe(tokenOf.get(row.botId as number));
      expect(Number(matches[0].chatId)).toBe(chatOf.get(row.chatDbId as number));
      expect(matches[0].messageId).toBe(row.telegramMessageId);
      if (row.replyToMessageId) {
        const reply = matches[0].params.reply_parameters as { message_id: number } | undefined;
        expect(reply?.message_id).toBe(row.replyToMessageId);
        // The target is an earlier real message of the same chat.
        const earlier = e2e.telegram.messages.filter(
          (m) => Number(m.chatId) === chatOf.get(row.chatDbId as number),
        );
        expect(earlier.map((m) => m.messageId)).toContain(row.replyToMessageId);
        expect(row.replyToMessageId).toBeLessThan(matches[0].messageId);
      }
    }
    // Everything Telegram got is a recorded row (nothing sent behind the ledger's back).
    const known = new Set(sentTexts.map((m) => m.text));
    expect(e2e.telegram.messages.filter((m) => !known.has(m.text))).toEqual([]);

    const usernames = bots.map((b) => `@${b.bot.username ?? ''}`);
    expect(sentTexts.some((m) => usernames.some((u) => m.text.includes(u)))).toBe(true);

    const reactions = e2e.telegram.requestsFor('setMessageReaction');
    expect(reactions.length).toBeGreaterThan(0);
    for (const reaction of reactions) {
      const chatMessages = e2e.telegram.messages.filter(
        (m) => Number(m.chatId) === Number(reaction.params.chat_id),
      );
      expect(chatMessages.map((m) => m.messageId)).toContain(Number(reaction.params.message_id));
    }

    // Prompts carry persona, stances, holdings and the transcript.
    const prompts = e2e.llm.requests.map((r) => r.body.messages.map((m) => m.content).join('\n'));
    const personas: Record<string, { tone: string; watchlist: string }> = {
      Kemal: { tone: 'temkinli', watchlist: 'THYAO, EREGL' },
      Ayse: { tone: 'enerjik', watchlist: 'ASELS, BTC' },
      Murat: { tone: 'alaycı', watchlist: 'TUPRS, USDTRY' },
    };
    const speakers = bots.filter((b) => sentTexts.some((m) => m.botId === b.bot.id));
    expect(speakers.length).toBeGreaterThanOrEqual(2);
    for (const { bot } of speakers) {
      const own = prompts.filter((p) => p.includes(`Sen "${bot.name}"`));
      expect(own.length).toBeGreaterThan(0);
      const persona = personas[bot.name];
      expect(own.some((p) => p.includes(persona.tone) && p.includes(persona.watchlist))).toBe(true);
    }
    const stanceOf: Record<string, string> = {
      Kemal: 'BIST yıl sonuna kadar yükselir',
      Ayse: 'Dolar/TL yavaş ama istikrarlı çıkar',
    };
    const holdingOf: Record<string, string> = { Kemal: 'THYAO', Ayse: 'ASELS' };
    const withStance = speakers.filter((b) => b.bot.name in stanceOf);
    expect(withStance.length).toBeGreaterThan(0);
    for (const { bot } of withStance) {
      const own = prompts.filter((p) => p.includes(`Sen "${bot.name}"`));
      expect(own.some((p) => p.includes(stanceOf[bot.name]))).toBe(true);
      expect(own.some((p) => /Portföyün:\n- /.test(p) && p.includes(holdingOf[bot.name]))).toBe(
        true,
      );
    }
    const lastSent = sentTexts[0];
    expect(prompts.some((p) => p.includes(`]: ${lastSent.text.slice(0, 30)}`))).toBe(true);
    expect(e2e.llm.requests.every((r) => r.authorization === 'Bearer test')).toBe(true);

    expect(e2e.telegram.limitViolations()).toEqual([]);
  }, 90000);
});
