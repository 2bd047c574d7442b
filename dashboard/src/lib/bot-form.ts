import type { Bot, BotCreate, EmotionProfile, PersonaProfile, SpeedProfile } from '@/api/types';

type PersonaStyle = Exclude<PersonaProfile['style'], string | undefined>;

/** The editor's flat, form-friendly view of a bot. */
export interface BotForm {
  name: string;
  token: string;
  is_enabled: boolean;
  llm_model: string;
  persona_hint: string;
  active_hours: string[];
  tone: string;
  risk_profile: string;
  watchlist: string[];
  never_do: string[];
  style_text: string;
  style_emojis: 'yes' | 'no' | null;
  style_length: string | null;
  style_disclaimer: boolean;
  emotion_tone: string;
  empathy: number | null;
  energy: string;
  signature_emoji: string[];
  signature_phrases: string[];
  anecdotes: string[];
  base_delay_seconds: number | null;
  delay_multiplier: number | null;
  jitter: number | null;
  wpm_min: number | null;
  wpm_max: number | null;
  typing_multiplier: number | null;
}

function strings(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.map(String);
  }
  return typeof value === 'string' && value ? [value] : [];
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function text(value: unknown): string {
  return typeof value === 'string'
    ? value
    : typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : '';
}

export function emptyBotForm(): BotForm {
  return toBotForm(null);
}

/** Reads a bot (with the persona variants the API tolerates) into the form. */
export function toBotForm(bot: Bot | null): BotForm {
  const persona: PersonaProfile = bot?.persona_profile ?? {};
  const emotion: EmotionProfile = bot?.emotion_profile ?? {};
  const speed: SpeedProfile = bot?.speed_profile ?? {};
  const style = persona.style;
  const styleObject: PersonaStyle = typeof style === 'object' && style !== null ? style : {};
  return {
    name: bot?.name ?? '',
    token: '',
    is_enabled: bot?.is_enabled ?? true,
    llm_model: bot?.llm_model ?? '',
    persona_hint: bot?.persona_hint ?? '',
    active_hours: [...(bot?.active_hours ?? [])],
    tone: text(persona.tone),
    risk_profile: text(persona.risk_profile),
    watchlist: strings(persona.watchlist),
    never_do: strings(persona.never_do),
    style_text: typeof style === 'string' ? style : '',
    style_emojis:
      styleObject.emojis === undefined
        ? null
        : styleObject.emojis === false || styleObject.emojis === 'no'
          ? 'no'
          : 'yes',
    style_length: typeof styleObject.length === 'string' ? styleObject.length : null,
    style_disclaimer:
      styleObject.disclaimer === true ||
      (typeof styleObject.disclaimer === 'string' && styleObject.disclaimer !== ''),
    emotion_tone: text(emotion.tone),
    empathy: typeof emotion.empathy === 'number' ? emotion.empathy : null,
    energy: text(emotion.energy),
    signature_emoji: strings(emotion.signature_emoji),
    signature_phrases: strings(emotion.signature_phrases),
    anecdotes: strings(emotion.anecdotes),
    base_delay_seconds: num(speed.delay?.base_delay_seconds),
    delay_multiplier: num(speed.delay?.multiplier),
    jitter: num(speed.delay?.jitter),
    wpm_min: num(speed.typing?.wpm_min),
    wpm_max: num(speed.typing?.wpm_max),
    typing_multiplier: num(speed.typing?.multiplier),
  };
}

/** Drops null, undefined, '' and [] so the stored JSON holds only what was set. */
function compact<T extends Record<string, unknown>>(
  object: T,
): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(
    Object.entries(object).filter(
      ([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0),
    ),
  ) as { [K in keyof T]?: Exclude<T[K], null> };
}

/**
 * Builds the write body. Unknown persona keys of the original bot are kept (an import may have
 * added fields this editor does not know), and the token is sent only when one was typed.
 */
export function toBotWrite(form: BotForm, original: Bot | null): BotCreate {
  const structuredStyle = compact({
    emojis: form.style_emojis === null ? null : form.style_emojis === 'yes',
    length: form.style_length,
    disclaimer: form.style_disclaimer ? true : null,
  });
  const style: PersonaStyle | string | undefined =
    Object.keys(structuredStyle).length > 0
      ? structuredStyle
      : form.style_text.trim()
        ? form.style_text.trim()
        : undefined;
  const persona: PersonaProfile = {
    ...(original?.persona_profile ?? {}),
    tone: form.tone.trim() || undefined,
    risk_profile: form.risk_profile.trim() || undefined,
    watchlist: form.watchlist,
    never_do: form.never_do,
    style,
  };
  const emotion: EmotionProfile = {
    ...(original?.emotion_profile ?? {}),
    tone: form.emotion_tone.trim() || undefined,
    empathy: form.empathy ?? undefined,
    energy: form.energy.trim() || undefined,
    signature_emoji: form.signature_emoji,
    signature_phrases: form.signature_phrases,
    anecdotes: form.anecdotes,
  };
  const speed: SpeedProfile = {
    ...(original?.speed_profile ?? {}),
    delay: compact({
      base_delay_seconds: form.base_delay_seconds,
      multiplier: form.delay_multiplier,
      jitter: form.jitter,
    }),
    typing: compact({
      wpm_min: form.wpm_min,
      wpm_max: form.wpm_max,
      multiplier: form.typing_multiplier,
    }),
  };
  const body: BotCreate = {
    name: form.name.trim(),
    is_enabled: form.is_enabled,
    llm_model: form.llm_model.trim() || null,
    persona_hint: form.persona_hint,
    active_hours: form.active_hours.map((h) => h.trim()),
    persona_profile: JSON.parse(JSON.stringify(persona)) as PersonaProfile,
    emotion_profile: JSON.parse(JSON.stringify(emotion)) as EmotionProfile,
    speed_profile: JSON.parse(JSON.stringify(speed)) as SpeedProfile,
  };
  if (form.token.trim()) {
    body.token = form.token.trim();
  }
  return body;
}
