import type {
  EmotionProfile,
  LengthCategory,
  PersonaProfile,
  SamplingParams,
} from './engine-types';

/**
 * Sampling per persona and situation (SPEC 9). The original used 1.25–1.5, which makes small
 * models drift into broken Turkish and English fragments; chat generation here stays in a
 * configurable band (default 0.7–1.1) and the guard and brief calls are near-deterministic.
 */

export type SamplingSituation =
  'message' | 'human_reply' | 'paraphrase' | 'rewrite' | 'consistency_check' | 'news_brief';

export interface TemperatureBand {
  min: number;
  max: number;
}

export const DEFAULT_TEMPERATURE_BAND: TemperatureBand = { min: 0.7, max: 1.1 };

/** Turkish needs more tokens per word than English; these fit the length caps of post-process. */
const MAX_TOKENS: Record<LengthCategory, number> = { short: 90, medium: 180, long: 340 };

export function samplingFor(
  persona: Pick<PersonaProfile, 'risk_profile'>,
  emotion: Pick<EmotionProfile, 'energy'>,
  situation: SamplingSituation,
  length: LengthCategory,
  band: TemperatureBand = DEFAULT_TEMPERATURE_BAND,
): SamplingParams {
  const fixed = { top_p: 0.92, frequency_penalty: 0.3 };
  if (situation === 'consistency_check') {
    return { temperature: 0.1, max_tokens: 120, ...fixed, frequency_penalty: 0 };
  }
  if (situation === 'news_brief') {
    return { temperature: 0.3, max_tokens: 120, ...fixed, frequency_penalty: 0 };
  }
  const lo = Math.min(band.min, band.max);
  const hi = Math.max(band.min, band.max);
  const energy = Number.isFinite(emotion.energy) ? Math.min(1, Math.max(0, emotion.energy)) : 0.5;
  // Position in the band: energetic, risk-loving personas write more freely; long messages
  // need a steadier hand to stay coherent; answers to real people should be on point.
  let position = 0.3 + 0.4 * energy;
  position +=
    persona.risk_profile === 'yüksek' ? 0.15 : persona.risk_profile === 'düşük' ? -0.15 : 0;
  position += length === 'short' ? 0.05 : length === 'long' ? -0.1 : 0;
  if (situation === 'human_reply' || situation === 'rewrite') {
    position -= 0.15;
  }
  if (situation === 'paraphrase') {
    // A paraphrase must move away from the draft.
    position += 0.15;
  }
  const clamped = Math.min(1, Math.max(0, position));
  const temperature = Math.round((lo + (hi - lo) * clamped) * 100) / 100;
  const extra = situation === 'human_reply' ? 40 : 0;
  return { temperature, max_tokens: MAX_TOKENS[length] + extra, ...fixed };
}
