import type { BotView, HistoryMessage } from '../../src/engine/engine-types';

/** Small factories for the engine's pure language specs. */

export function makeBotView(overrides: Partial<BotView> = {}): BotView {
  return {
    id: 1,
    name: 'Kemal',
    username: 'kemal_trader',
    persona_hint: 'Emekli mühendis, BIST ve temettü hisselerini sever.',
    persona: {
      tone: 'samimi',
      risk_profile: 'düşük',
      watchlist: ['THYAO', 'EREGL', 'TUPRS'],
      never_do: ['küfür etmek'],
      style: { emojis: true, length: 'kısa', disclaimer: true, description: '' },
    },
    emotion: {
      tone: 'sakin',
      empathy: 0.8,
      energy: 0.4,
      signature_emoji: ['📈', '🤔'],
      signature_phrases: ['sabır kazandırır'],
      anecdotes: ['2018 kur şokunda paniğe kapılmadım.'],
    },
    speed: {
      base_delay_seconds: 30,
      delay_multiplier: 1,
      jitter: 0.2,
      typing_cps: null,
      typing_multiplier: 1,
    },
    active_hours: [],
    stances: [],
    holdings: [],
    memories: [],
    ...overrides,
  };
}

let nextId = 1000;

export function makeMessage(overrides: Partial<HistoryMessage> = {}): HistoryMessage {
  nextId++;
  return {
    id: nextId,
    telegram_message_id: nextId,
    bot_id: 2,
    speaker: 'Ayşe',
    username: 'ayse_k',
    text: 'BIST bugün sakin',
    created_at: new Date('2026-11-25T07:00:00Z'),
    reply_to_id: null,
    topic: 'BIST',
    symbols: [],
    ...overrides,
  };
}
