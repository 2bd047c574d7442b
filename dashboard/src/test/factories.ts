import type { Bot, Chat, Metrics } from '@/api/types';

/** Small factories for test data: the defaults are valid, each test states what matters to it. */
export const BotFactory = {
  create(overrides: Partial<Bot> = {}): Bot {
    const id = overrides.id ?? 1;
    return {
      id,
      name: `Bot ${id}`,
      username: `bot${id}`,
      token_masked: '1234…wxyz',
      has_token: true,
      is_enabled: true,
      speed_profile: {},
      active_hours: [],
      persona_hint: '',
      persona_profile: { tone: 'samimi' },
      emotion_profile: {},
      llm_model: null,
      status: 'active',
      last_error: null,
      last_error_at: null,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
      ...overrides,
    };
  },
};

export const ChatFactory = {
  create(overrides: Partial<Chat> = {}): Chat {
    const id = overrides.id ?? 1;
    return {
      id,
      chat_id: -1001000000000 - id,
      title: `Grup ${id}`,
      is_enabled: true,
      topics: ['BIST'],
      timezone: null,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
      ...overrides,
    };
  },
};

export const MetricsFactory = {
  create(overrides: Partial<Metrics> = {}): Metrics {
    return {
      total_bots: 4,
      active_bots: 3,
      total_chats: 2,
      messages_last_hour: 42,
      messages_per_minute: 0.7,
      simulation_active: true,
      scale_factor: 1,
      rate_limit_hits: 0,
      telegram_429_count: 0,
      telegram_5xx_count: 0,
      ...overrides,
    };
  },
};
