import type { WizardSetup } from '@/api/types';

export interface WizardForm {
  bot_name: string;
  token: string;
  persona_hint: string;
  chat_id: string;
  chat_title: string;
  topics: string[];
  tone: string;
  risk_profile: string;
  watchlist: string[];
  never_do: string[];
  signature_phrases: string[];
  stances: { topic: string; stance_text: string; confidence: number }[];
  holdings: { symbol: string; avg_price: number | null; size: number | null }[];
  start: boolean;
}

export function emptyWizardForm(): WizardForm {
  return {
    bot_name: '',
    token: '',
    persona_hint: '',
    chat_id: '',
    chat_title: '',
    topics: ['BIST', 'FX', 'Kripto', 'Makro'],
    tone: '',
    risk_profile: '',
    watchlist: [],
    never_do: [],
    signature_phrases: [],
    stances: [],
    holdings: [],
    start: false,
  };
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** Fills the form from GET /wizard/example (any missing part keeps its default). */
export function wizardFormFromExample(example: Partial<WizardSetup>): WizardForm {
  const base = emptyWizardForm();
  return {
    ...base,
    bot_name: example.bot?.name ?? base.bot_name,
    persona_hint: example.bot?.persona_hint ?? base.persona_hint,
    chat_id: example.chat?.chat_id != null ? String(example.chat.chat_id) : base.chat_id,
    chat_title: example.chat?.title ?? base.chat_title,
    topics: example.chat?.topics ?? base.topics,
    tone: typeof example.persona?.tone === 'string' ? example.persona.tone : '',
    risk_profile:
      typeof example.persona?.risk_profile === 'string' ? example.persona.risk_profile : '',
    watchlist: strings(example.persona?.watchlist),
    never_do: strings(example.persona?.never_do),
    signature_phrases: strings(example.emotion?.signature_phrases),
    stances: (example.stances ?? []).map((s) => ({
      topic: s.topic,
      stance_text: s.stance_text,
      // The API's default when an example omits it.
      confidence: s.confidence ?? 0.7,
    })),
    holdings: (example.holdings ?? []).map((h) => ({
      symbol: h.symbol,
      avg_price: h.avg_price ?? null,
      size: h.size ?? null,
    })),
    start: example.start ?? false,
  };
}

/** The one POST /wizard/setup body; a chat id that is not a number is sent as null (API 400). */
export function toWizardSetup(form: WizardForm): WizardSetup {
  const chatId = Number(form.chat_id.trim());
  return {
    bot: {
      name: form.bot_name.trim(),
      persona_hint: form.persona_hint,
      ...(form.token.trim() ? { token: form.token.trim() } : {}),
    },
    chat: { chat_id: chatId, title: form.chat_title.trim() || null, topics: form.topics },
    persona: {
      tone: form.tone || undefined,
      risk_profile: form.risk_profile || undefined,
      watchlist: form.watchlist,
      never_do: form.never_do,
    },
    emotion: { signature_phrases: form.signature_phrases },
    stances: form.stances.filter((s) => s.topic.trim() && s.stance_text.trim()),
    holdings: form.holdings
      .filter((h) => h.symbol.trim())
      .map((h) => ({
        symbol: h.symbol.trim().toUpperCase(),
        ...(h.avg_price === null ? {} : { avg_price: h.avg_price }),
        ...(h.size === null ? {} : { size: h.size }),
      })),
    start: form.start,
  };
}
