import { EmotionProfile, PersonaProfile, SpeedProfile } from '../../engine/engine-types';
import { normalizeActiveHours } from './active-hours-normalizer';
import { normalizeEmotionProfile } from './emotion-normalizer';
import { normalizePersonaProfile } from './persona-normalizer';
import { Normalized, own } from './persona-value.util';
import { normalizeSpeedProfile } from './speed-profile-normalizer';

export interface BotPersona {
  persona: PersonaProfile;
  emotion: EmotionProfile;
  speed: SpeedProfile;
  active_hours: string[];
}

/**
 * All persona fields of a bot (as stored or as sent to the API: persona_profile,
 * emotion_profile, speed_profile, active_hours) normalised at once, warnings prefixed by field.
 * Never throws.
 */
export function normalizeBotPersona(raw: unknown): Normalized<BotPersona> {
  const persona = normalizePersonaProfile(own(raw, 'persona_profile'));
  const emotion = normalizeEmotionProfile(own(raw, 'emotion_profile'));
  const speed = normalizeSpeedProfile(own(raw, 'speed_profile'));
  const hours = normalizeActiveHours(own(raw, 'active_hours'));
  return {
    value: {
      persona: persona.value,
      emotion: emotion.value,
      speed: speed.value,
      active_hours: hours.value,
    },
    warnings: [...persona.warnings, ...emotion.warnings, ...speed.warnings, ...hours.warnings],
  };
}
