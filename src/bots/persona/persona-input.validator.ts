import type { FieldError } from '../../common/errors/domain.exception';
import { canonicalSymbol } from '../../engine/symbols.util';
import { parseRange } from '../../engine/time-window.util';
import { MAX_ACTIVE_RANGES } from './active-hours-normalizer';
import { lengthFromText, MAX_WATCHLIST, riskFromValue } from './persona-normalizer';
import { isRecord, levelFromWord, own, readBooleanish, readNumber } from './persona-value.util';

/**
 * Strict check of a bot's persona fields for the API: rejects clearly wrong types and values with
 * field-named reasons, while accepting every variant the normalisers understand (style as text,
 * levels as words, watchlists as comma text …). Absent fields are fine. Normalise after it passes.
 */
export function validatePersonaInput(raw: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (field: string, reason: string): void => {
    errors.push({ field, reason });
  };
  if (!isRecord(raw)) {
    fail('body', 'must be an object');
    return errors;
  }
  validatePersona(own(raw, 'persona_profile'), fail);
  validateEmotion(own(raw, 'emotion_profile'), fail);
  validateSpeed(own(raw, 'speed_profile'), fail);
  validateActiveHours(own(raw, 'active_hours'), fail);
  return errors;
}

type Fail = (field: string, reason: string) => void;

function text(value: unknown, field: string, max: number, fail: Fail): void {
  if (value === undefined) {
    return;
  }
  if (typeof value !== 'string') {
    fail(field, 'must be text');
  } else if (value.length > max) {
    fail(field, `must be at most ${max} characters`);
  }
}

/** A list of texts or one text (split by the normaliser). */
function textList(
  value: unknown,
  field: string,
  maxItems: number,
  maxLength: number,
  fail: Fail,
): void {
  if (value === undefined || typeof value === 'string') {
    if (typeof value === 'string' && value.length > maxItems * maxLength) {
      fail(field, `must be at most ${maxItems * maxLength} characters`);
    }
    return;
  }
  if (!Array.isArray(value)) {
    fail(field, 'must be a list of texts');
    return;
  }
  if (value.length > maxItems) {
    fail(field, `must have at most ${maxItems} items`);
  }
  value.slice(0, maxItems).forEach((item, i) => {
    if (typeof item !== 'string') {
      fail(`${field}[${i}]`, 'must be text');
    } else if (item.length > maxLength) {
      fail(`${field}[${i}]`, `must be at most ${maxLength} characters`);
    }
  });
}

function level(value: unknown, field: string, fail: Fail): void {
  if (value === undefined) {
    return;
  }
  if (typeof value === 'string' && levelFromWord(value) !== null) {
    return;
  }
  const n = readNumber(value);
  if (n === null || n < 0 || n > 1) {
    fail(
      field,
      'must be a number between 0 and 1 or one of yüksek, orta, düşük (high, medium, low)',
    );
  }
}

function numberIn(value: unknown, field: string, min: number, max: number, fail: Fail): void {
  if (value === undefined) {
    return;
  }
  const n = readNumber(value);
  if (n === null || n < min || n > max) {
    fail(field, `must be a number between ${min} and ${max}`);
  }
}

function validatePersona(value: unknown, fail: Fail): void {
  if (value === undefined) {
    return;
  }
  if (!isRecord(value)) {
    fail('persona_profile', 'must be an object');
    return;
  }
  text(own(value, 'tone'), 'persona_profile.tone', 200, fail);
  const risk = own(value, 'risk_profile');
  if (risk !== undefined && riskFromValue(risk) === null) {
    fail('persona_profile.risk_profile', 'must be one of düşük, orta, yüksek (low, medium, high)');
  }
  const watchlist = own(value, 'watchlist');
  textList(watchlist, 'persona_profile.watchlist', MAX_WATCHLIST, 40, fail);
  if (Array.isArray(watchlist)) {
    watchlist.slice(0, MAX_WATCHLIST).forEach((item, i) => {
      if (typeof item === 'string' && canonicalSymbol(item) === null) {
        fail(`persona_profile.watchlist[${i}]`, 'must be a market symbol such as THYAO or USDTRY');
      }
    });
  }
  textList(own(value, 'never_do'), 'persona_profile.never_do', 20, 200, fail);
  const style = own(value, 'style');
  if (style === undefined || typeof style === 'string') {
    text(style, 'persona_profile.style', 500, fail);
    return;
  }
  if (!isRecord(style)) {
    fail('persona_profile.style', 'must be text or an object {emojis, length, disclaimer}');
    return;
  }
  const emojis = own(style, 'emojis');
  if (emojis !== undefined && readBooleanish(emojis) === null) {
    fail('persona_profile.style.emojis', 'must be true or false');
  }
  // The original wrote the disclaimer out as text; a text means "yes".
  const disclaimer = own(style, 'disclaimer');
  if (typeof disclaimer === 'string') {
    text(disclaimer, 'persona_profile.style.disclaimer', 500, fail);
  } else if (disclaimer !== undefined && readBooleanish(disclaimer) === null) {
    fail('persona_profile.style.disclaimer', 'must be true or false, or the disclaimer text');
  }
  const length = own(style, 'length');
  const lengthNumber = readNumber(length);
  if (
    length !== undefined &&
    !(typeof length === 'string' && lengthFromText(length.slice(0, 100)) !== null) &&
    !(lengthNumber !== null && lengthNumber > 0)
  ) {
    fail(
      'persona_profile.style.length',
      'must be kısa, orta or uzun (short, medium, long), or a number of characters',
    );
  }
  text(own(style, 'description'), 'persona_profile.style.description', 500, fail);
}

function validateEmotion(value: unknown, fail: Fail): void {
  if (value === undefined) {
    return;
  }
  if (!isRecord(value)) {
    fail('emotion_profile', 'must be an object');
    return;
  }
  text(own(value, 'tone'), 'emotion_profile.tone', 200, fail);
  level(own(value, 'empathy'), 'emotion_profile.empathy', fail);
  level(own(value, 'energy'), 'emotion_profile.energy', fail);
  textList(own(value, 'signature_emoji'), 'emotion_profile.signature_emoji', 8, 64, fail);
  textList(own(value, 'signature_phrases'), 'emotion_profile.signature_phrases', 12, 200, fail);
  textList(own(value, 'anecdotes'), 'emotion_profile.anecdotes', 12, 400, fail);
}

function validateSpeed(value: unknown, fail: Fail): void {
  if (value === undefined) {
    return;
  }
  if (!isRecord(value)) {
    fail('speed_profile', 'must be an object');
    return;
  }
  const delay = own(value, 'delay');
  if (delay !== undefined && !isRecord(delay)) {
    // A bare number is the base delay in seconds (a variant the normaliser reads).
    if (readNumber(delay) === null) {
      fail('speed_profile.delay', 'must be an object {base_delay_seconds, multiplier, jitter}');
    } else {
      numberIn(delay, 'speed_profile.delay', 3, 3600, fail);
    }
  }
  numberIn(
    own(delay, 'base_delay_seconds') ?? own(value, 'base_delay_seconds'),
    'speed_profile.delay.base_delay_seconds',
    3,
    3600,
    fail,
  );
  numberIn(
    own(delay, 'multiplier') ?? own(value, 'delay_multiplier'),
    'speed_profile.delay.multiplier',
    0.1,
    10,
    fail,
  );
  numberIn(own(delay, 'jitter') ?? own(value, 'jitter'), 'speed_profile.delay.jitter', 0, 1, fail);
  const typing = own(value, 'typing');
  if (typing !== undefined && !isRecord(typing)) {
    fail('speed_profile.typing', 'must be an object {wpm: {min, max}, multiplier}');
    return;
  }
  numberIn(
    own(typing, 'multiplier') ?? own(value, 'typing_multiplier'),
    'speed_profile.typing.multiplier',
    0.2,
    5,
    fail,
  );
  const wpm = own(typing, 'wpm');
  if (wpm === undefined) {
    return;
  }
  if (isRecord(wpm)) {
    // Values above 30 are read as real words per minute; 600 wpm is already superhuman.
    numberIn(own(wpm, 'min'), 'speed_profile.typing.wpm.min', 0.5, 600, fail);
    numberIn(own(wpm, 'max'), 'speed_profile.typing.wpm.max', 0.5, 600, fail);
    const min = readNumber(own(wpm, 'min'));
    const max = readNumber(own(wpm, 'max'));
    if (min !== null && max !== null && min > max) {
      fail('speed_profile.typing.wpm', 'min must not exceed max');
    }
  } else if (Array.isArray(wpm)) {
    // [min, max] or [speed].
    if (wpm.length < 1 || wpm.length > 2) {
      fail('speed_profile.typing.wpm', 'must be {min, max}, [min, max] or one number');
      return;
    }
    wpm.forEach((item, i) => numberIn(item, `speed_profile.typing.wpm[${i}]`, 0.5, 600, fail));
    const [min, max] = wpm.map((item) => readNumber(item));
    if (min !== null && max !== undefined && max !== null && min > max) {
      fail('speed_profile.typing.wpm', 'min must not exceed max');
    }
  } else {
    numberIn(wpm, 'speed_profile.typing.wpm', 0.5, 600, fail);
  }
}

function validateActiveHours(value: unknown, fail: Fail): void {
  if (value === undefined || value === null) {
    return;
  }
  const items: unknown[] = Array.isArray(value)
    ? value
    : typeof value === 'string'
      ? value.split(/[,;\n]+/).filter((s) => s.trim().length > 0)
      : [value];
  if (!Array.isArray(value) && typeof value !== 'string') {
    fail('active_hours', 'must be a list of "HH:MM-HH:MM" ranges');
    return;
  }
  if (items.length > MAX_ACTIVE_RANGES) {
    fail('active_hours', `must have at most ${MAX_ACTIVE_RANGES} ranges`);
    return;
  }
  items.forEach((item, i) => {
    if (parseRange(item) === null) {
      fail(`active_hours[${i}]`, 'must be a "HH:MM-HH:MM" range with different start and end');
    }
  });
}
