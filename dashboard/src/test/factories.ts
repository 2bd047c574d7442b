import type { Bot, Chat, ChatMessage, CurrentUser, Metrics, SettingRow } from '@/api/types';

/** Small factories for test data: the defaults are valid, each test states what matters to it. */
export const UserFactory = {
  /** GET /auth/me (and the login answer). */
  me(overrides: Partial<CurrentUser> = {}): CurrentUser {
    return {
      user_id: 1,
      username: 'admin',
      role: 'admin',
      auth_method: 'session',
      mfa_enabled: true,
      session_expires_at: '2026-01-02T00:00:00Z',
      ...overrides,
    };
  },
};

export const SettingFactory = {
  /** One GET /settings row (the value wrapped as {value: X}). */
  row(key: string, value: unknown, overrides: Partial<SettingRow> = {}): SettingRow {
    return {
      key,
      value: { value: value as Record<string, unknown> },
      updated_at: null,
      description: `${key} description`,
      live: true,
      default: null as unknown as Record<string, unknown>,
      ...overrides,
    };
  },
};

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
  /** GET /bots answers a page. */
  page(bots: Bot[]) {
    return { items: bots, total: bots.length, limit: 1000, offset: 0 };
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
  /** GET /chats answers a page. */
  page(chats: Chat[]) {
    return { items: chats, total: chats.length, limit: 1000, offset: 0 };
  },
};

export const MessageFactory = {
  create(overrides: Partial<ChatMessage> = {}): ChatMessage {
    const id = overrides.id ?? 1;
    return {
      id,
      bot_id: 1,
      bot_name: null,
      chat_db_id: 1,
      chat_title: null,
      kind: 'text',
      telegram_message_id: 100 + id,
      text: `m${id}`,
      reply_to_message_id: null,
      msg_metadata: {},
      state: 'sent',
      attempts: 1,
      sent_at: null,
      created_at: `2026-01-01T00:00:${String(id % 60).padStart(2, '0')}Z`,
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
      messages_by_state_last_hour: { sent: 42 },
      queue_pending: 0,
      generated_at: '2026-01-01T00:00:00Z',
      ...overrides,
    };
  },
};
