import { SpeedProfile } from '../../engine/engine-types';
import {
  describeValue,
  isRecord,
  Normalized,
  own,
  ownAny,
  readBoundedNumber,
  readNumber,
  Warn,
} from './persona-value.util';

/**
 * The bot base delay that counts as "normal speed": timing divides a bot's base by it, so a bot
 * with 30 s neither slows nor speeds up its chat (see engine/timing.ts for the full formula).
 */
export const DEFAULT_BASE_DELAY_SECONDS = 30;

const CPS_MIN = 0.5;
const CPS_MAX = 30;
/** Characters per word (with the space) when a value is clearly real words per minute. */
const CHARS_PER_WORD = 6;

export function defaultSpeedProfile(): SpeedProfile {
  return {
    base_delay_seconds: DEFAULT_BASE_DELAY_SECONDS,
    delay_multiplier: 1,
    jitter: 0.2,
    typing_cps: null,
    typing_multiplier: 1,
  };
}

/**
 * A typing speed as characters per second. The original's "wpm" values (2.5–4.5) always behaved
 * as characters per second, so values up to 30 are taken as such; larger ones are real words per
 * minute (e.g. 40) and converted.
 */
function toCps(value: unknown, field: string, warn: Warn): number | null {
  const n = readNumber(value);
  if (n === null) {
    if (value !== undefined && value !== null) {
      warn(`${field}: ${describeValue(value)} is not a number, ignored`);
    }
    return null;
  }
  if (n <= 0) {
    warn(`${field}: ${n} is not a speed, ignored`);
    return null;
  }
  let cps = n;
  if (n > CPS_MAX) {
    cps = (n * CHARS_PER_WORD) / 60;
    warn(`${field}: ${n} read as words per minute (${cps.toFixed(1)} characters per second)`);
  }
  const clamped = Math.min(CPS_MAX, Math.max(CPS_MIN, cps));
  if (clamped !== cps) {
    warn(
      `${field}: ${cps} is outside ${CPS_MIN}–${CPS_MAX} characters per second, using ${clamped}`,
    );
  }
  return clamped;
}

function readTypingCps(typing: unknown, flat: unknown, warn: Warn): SpeedProfile['typing_cps'] {
  // {wpm: {min, max}} / {wpm: [min, max]} / {wpm: 3} / {wpm_min, wpm_max} / {cps: …}, nested
  // under "typing" or flat on the profile.
  const range =
    ownAny(typing, ['wpm', 'cps', 'speed']) ??
    ownAny(flat, ['typing_wpm', 'typing_speed_wpm', 'typing_cps', 'wpm']);
  let minRaw: unknown;
  let maxRaw: unknown;
  if (isRecord(range)) {
    minRaw = own(range, 'min');
    maxRaw = own(range, 'max');
  } else if (Array.isArray(range)) {
    const pair: unknown[] = range;
    minRaw = pair[0];
    maxRaw = pair.length > 1 ? pair[1] : pair[0];
  } else if (range !== undefined && range !== null) {
    [minRaw, maxRaw] = [range, range];
  } else {
    minRaw =
      ownAny(typing, ['wpm_min', 'min_wpm', 'cps_min', 'min']) ??
      ownAny(flat, ['wpm_min', 'min_wpm', 'cps_min']);
    maxRaw =
      ownAny(typing, ['wpm_max', 'max_wpm', 'cps_max', 'max']) ??
      ownAny(flat, ['wpm_max', 'max_wpm', 'cps_max']);
  }
  const min = toCps(minRaw, 'speed_profile.typing.wpm.min', warn);
  const max = toCps(maxRaw, 'speed_profile.typing.wpm.max', warn);
  if (min === null && max === null) {
    return null;
  }
  const lo = min ?? max ?? CPS_MIN;
  const hi = max ?? lo;
  if (lo > hi) {
    warn('speed_profile.typing.wpm: min was above max, swapped');
    return { min: hi, max: lo };
  }
  return { min: lo, max: hi };
}

/**
 * A speed_profile in the original's nested form (`{delay: {base_delay_seconds, multiplier,
 * jitter}, typing: {wpm: {min, max}, multiplier}}`) or with flat keys, as a complete SpeedProfile.
 * Accepts any JSON; never throws.
 */
export function normalizeSpeedProfile(raw: unknown): Normalized<SpeedProfile> {
  const warnings: string[] = [];
  const warn: Warn = (m) => warnings.push(m);
  const defaults = defaultSpeedProfile();
  if (raw !== undefined && raw !== null && !isRecord(raw)) {
    warn(`speed_profile: ${describeValue(raw)} is not an object, using defaults`);
  }
  const delay = own(raw, 'delay');
  const typing = own(raw, 'typing');
  // "delay": 45 is a base delay given directly.
  const delayIsNumber = delay !== undefined && !isRecord(delay);
  if (delay !== undefined && !isRecord(delay) && readNumber(delay) === null) {
    warn(`speed_profile.delay: ${describeValue(delay)} is not an object, ignored`);
  }
  if (typing !== undefined && !isRecord(typing)) {
    warn(`speed_profile.typing: ${describeValue(typing)} is not an object, ignored`);
  }
  const value: SpeedProfile = {
    base_delay_seconds: readBoundedNumber(
      ownAny(delay, ['base_delay_seconds', 'base_seconds', 'base']) ??
        (delayIsNumber && readNumber(delay) !== null ? delay : undefined) ??
        ownAny(raw, ['base_delay_seconds', 'base_delay']),
      'speed_profile.delay.base_delay_seconds',
      warn,
      { min: 3, max: 3600, fallback: defaults.base_delay_seconds },
    ),
    delay_multiplier: readBoundedNumber(
      own(delay, 'multiplier') ?? ownAny(raw, ['delay_multiplier', 'multiplier']),
      'speed_profile.delay.multiplier',
      warn,
      { min: 0.1, max: 10, fallback: defaults.delay_multiplier },
    ),
    jitter: readBoundedNumber(
      own(delay, 'jitter') ?? ownAny(raw, ['jitter', 'delay_jitter']),
      'speed_profile.delay.jitter',
      warn,
      { min: 0, max: 1, fallback: defaults.jitter },
    ),
    typing_cps: readTypingCps(isRecord(typing) ? typing : undefined, raw, warn),
    typing_multiplier: readBoundedNumber(
      own(typing, 'multiplier') ?? own(raw, 'typing_multiplier'),
      'speed_profile.typing.multiplier',
      warn,
      { min: 0.2, max: 5, fallback: defaults.typing_multiplier },
    ),
  };
  return { value, warnings };
}
