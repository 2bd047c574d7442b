import type { FieldError } from '../../common/errors/domain.exception';
import { SpeedProfile } from '../../engine/engine-types';
import { normalizeBotPersona } from './bot-persona-normalizer';
import { validatePersonaInput } from './persona-input.validator';

/** The persona fields of a bot as the REST contract names them. */
export const PERSONA_FIELDS = [
  'persona_profile',
  'emotion_profile',
  'speed_profile',
  'active_hours',
] as const;

export type PersonaField = (typeof PERSONA_FIELDS)[number];

/** The normalised persona fields, in the form they are stored and returned. */
export interface StoredPersonaFields {
  persona_profile?: Record<string, unknown>;
  emotion_profile?: Record<string, unknown>;
  speed_profile?: Record<string, unknown>;
  active_hours?: string[];
}

export interface PreparedPersonaFields {
  /** Only the fields that were given, normalised; empty when there are errors. */
  fields: StoredPersonaFields;
  /** Clearly wrong values, named by field (renamed through `label`). */
  errors: FieldError[];
  /** What normalising changed (a dropped symbol, a clamped speed), for reports. */
  warnings: string[];
}

/**
 * A speed profile in the original's nested shape, which the normaliser reads back unchanged.
 * Typing speeds are characters per second, stored under `wpm` as the original's values were.
 */
export function storedSpeedProfile(speed: SpeedProfile): Record<string, unknown> {
  return {
    delay: {
      base_delay_seconds: speed.base_delay_seconds,
      multiplier: speed.delay_multiplier,
      jitter: speed.jitter,
    },
    typing: {
      ...(speed.typing_cps
        ? { wpm: { min: speed.typing_cps.min, max: speed.typing_cps.max } }
        : {}),
      multiplier: speed.typing_multiplier,
    },
  };
}

/**
 * Validates the persona fields present in `input` (every variant of SPEC 7.2/7.12 passes) and
 * returns them normalised, so what an operator stores is exactly what the engine uses. Absent
 * fields stay absent (a PATCH leaves them alone). `label` renames a field in messages, e.g.
 * `persona_profile` → `bots[2].persona_profile` for an import file.
 */
export function preparePersonaFields(
  input: Partial<Record<PersonaField, unknown>>,
  label: (field: string) => string = (field) => field,
): PreparedPersonaFields {
  const given: Partial<Record<PersonaField, unknown>> = {};
  for (const field of PERSONA_FIELDS) {
    if (input[field] !== undefined) {
      given[field] = input[field];
    }
  }
  const errors = validatePersonaInput(given).map((e) => ({ ...e, field: label(e.field) }));
  if (errors.length > 0) {
    return { fields: {}, errors, warnings: [] };
  }
  const { value, warnings } = normalizeBotPersona(given);
  const fields: StoredPersonaFields = {};
  if (given.persona_profile !== undefined) {
    fields.persona_profile = { ...value.persona, style: { ...value.persona.style } };
  }
  if (given.emotion_profile !== undefined) {
    fields.emotion_profile = { ...value.emotion };
  }
  if (given.speed_profile !== undefined) {
    fields.speed_profile = storedSpeedProfile(value.speed);
  }
  if (given.active_hours !== undefined) {
    fields.active_hours = value.active_hours;
  }
  return { fields, errors: [], warnings: warnings.map(label) };
}
