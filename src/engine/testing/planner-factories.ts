import { defaultSpeedProfile } from '../../bots/persona/speed-profile-normalizer';
import { HistoryMessage, PlannerBot, PlannerChat } from '../engine-types';

/** Test data for the pure planning specs: small factories with overridable defaults. */
export const PlannerFactory = {
  bot(overrides: Partial<PlannerBot> & { id: number }): PlannerBot {
    return {
      name: `Bot${overrides.id}`,
      username: `bot${overrides.id}`,
      persona: {
        tone: 'samimi',
        risk_profile: 'orta',
        watchlist: [],
        never_do: [],
        style: { emojis: true, length: 'orta', disclaimer: false, description: '' },
      },
      emotion: {
        tone: 'dengeli',
        empathy: 0.5,
        energy: 0.5,
        signature_emoji: [],
        signature_phrases: [],
        anecdotes: [],
      },
      speed: defaultSpeedProfile(),
      active_hours: [],
      stances: [],
      is_enabled: true,
      status: 'active',
      membership: null,
      messages_last_hour: 0,
      paused_until: null,
      ...overrides,
    };
  },

  message(overrides: Partial<HistoryMessage> & { id: number }): HistoryMessage {
    return {
      telegram_message_id: overrides.id + 1000,
      bot_id: null,
      speaker: 'Ayşe',
      username: 'ayse',
      text: 'merhaba',
      created_at: new Date('2026-01-15T09:00:00Z'),
      reply_to_id: null,
      topic: null,
      symbols: [],
      ...overrides,
    };
  },

  chat(overrides: Partial<PlannerChat> = {}): PlannerChat {
    return {
      id: 1,
      is_enabled: true,
      topics: ['BIST', 'FX', 'Kripto', 'Makro'],
      timezone: null,
      ...overrides,
    };
  },
};
