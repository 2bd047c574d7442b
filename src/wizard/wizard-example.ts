import { EXAMPLE_EMOTION, EXAMPLE_PERSONA } from '../bots/dto/create-bot.dto';

/** A complete, valid POST /wizard/setup body (served by GET /wizard/example). */
export const WIZARD_EXAMPLE = {
  bot: {
    name: 'Mehmet Yatırımcı',
    token: null,
    username: 'mehmet_trader',
    is_enabled: true,
    persona_hint: '20 yıllık deneyimli, temkinli, uzun vadeli düşünen yatırımcı',
    active_hours: ['09:30-12:30', '14:00-18:00', '20:00-22:00'],
    speed_profile: {
      delay: { base_delay_seconds: 45, multiplier: 1.2, jitter: 0.3 },
      typing: { wpm_min: 2.5, wpm_max: 4, multiplier: 1 },
    },
    llm_model: null,
  },
  chat: {
    chat_id: -1001234567890,
    title: 'Borsa Sohbet',
    is_enabled: true,
    topics: ['BIST', 'FX', 'Kripto', 'Makro'],
    timezone: 'Europe/Istanbul',
  },
  persona: EXAMPLE_PERSONA,
  emotion: EXAMPLE_EMOTION,
  stances: [
    {
      topic: 'Bankacılık',
      stance_text: 'Faiz indirimleri bankalara yarar, uzun vadede olumluyum.',
      confidence: 0.8,
    },
    {
      topic: 'Kripto',
      stance_text: 'Çok oynak, portföyde küçük bir pay dışında uzak dururum.',
      confidence: 0.6,
    },
  ],
  holdings: [
    { symbol: 'GARAN', avg_price: 28.5, size: 5000, note: '2018den beri tutuyorum' },
    { symbol: 'XAUUSD', avg_price: 2350, size: 2, note: 'güvenli liman' },
  ],
  start: false,
};
