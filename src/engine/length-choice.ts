import type { LengthProfile } from '../settings/setting-parsers';
import { LengthCategory, PersonaProfile, Rng } from './engine-types';
import { pickWeighted } from './random.util';

const CATEGORIES: readonly LengthCategory[] = ['short', 'medium', 'long'];

/**
 * How a persona's preferred length tilts the chat-wide message_length_profile: a "kısa" persona
 * doubles its short share and halves its long share, an "uzun" one the reverse; "orta" leaves the
 * profile as it is. Every category keeps a chance, so nobody is monotonous.
 */
export const PERSONA_LENGTH_BIAS: Record<PersonaProfile['style']['length'], LengthProfile> = {
  kısa: { short: 2, medium: 1, long: 0.5 },
  orta: { short: 1, medium: 1, long: 1 },
  uzun: { short: 0.6, medium: 1.2, long: 2 },
};

export interface LengthChoice {
  length: LengthCategory;
  /** The normalised weights the draw used. */
  weights: LengthProfile;
}

/** The length category of a message from message_length_profile and the persona's preference. */
export function chooseLength(
  profile: LengthProfile,
  personaLength: PersonaProfile['style']['length'],
  rng: Rng,
): LengthChoice {
  const bias = PERSONA_LENGTH_BIAS[personaLength] ?? PERSONA_LENGTH_BIAS.orta;
  const raw = CATEGORIES.map((c) => Math.max(0, profile[c]) * bias[c]);
  const sum = raw.reduce((a, b) => a + b, 0);
  const weights: LengthProfile =
    sum > 0
      ? { short: raw[0] / sum, medium: raw[1] / sum, long: raw[2] / sum }
      : { short: 1, medium: 0, long: 0 };
  const length = pickWeighted(CATEGORIES, (c) => weights[c], rng) ?? 'short';
  return { length, weights };
}
