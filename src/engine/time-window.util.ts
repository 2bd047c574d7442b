import { DayPart, LocalTimeContext } from './engine-types';

/**
 * Time-of-day logic in an IANA timezone, computed with Intl from the instant — never the server's
 * local time (a fault of the original). Ranges are "HH:MM-HH:MM"; a range whose end is before its
 * start crosses midnight ("22:00-02:00"); "24:00" as an end means midnight at the end of the day.
 */

const MINUTES_PER_DAY = 24 * 60;
const FALLBACK_TZ = 'Europe/Istanbul';
const BIST_TZ = 'Europe/Istanbul';
const BIST_OPEN_MINUTE = 10 * 60;
const BIST_CLOSE_MINUTE = 18 * 60;

export interface MinuteRange {
  /** Minutes after local midnight, 0–1439. */
  start: number;
  /** Minutes after local midnight, 1–1440; below start when the range crosses midnight. */
  end: number;
}

export interface LocalClock {
  /** Minutes after local midnight, 0–1439. */
  minuteOfDay: number;
  /** Seconds (with fraction) into the current local minute. */
  secondOfMinute: number;
  /** 0 = Sunday … 6 = Saturday, in local time. */
  weekday: number;
}

const RANGE = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/;

/** Parses "HH:MM-HH:MM"; null when malformed or empty (start equals end). */
export function parseRange(text: unknown): MinuteRange | null {
  if (typeof text !== 'string' || text.length > 40) {
    return null;
  }
  const m = RANGE.exec(text);
  if (!m) {
    return null;
  }
  const [sh, sm, eh, em] = [m[1], m[2], m[3], m[4]].map(Number);
  if (sh > 23 || sm > 59 || eh > 24 || em > 59 || (eh === 24 && em !== 0)) {
    return null;
  }
  const start = sh * 60 + sm;
  const end = eh * 60 + em;
  if (start === end) {
    return null;
  }
  return { start, end };
}

/** True when the minute of day lies in the range (start inclusive, end exclusive). */
export function minuteInRange(minute: number, range: MinuteRange): boolean {
  if (range.start < range.end) {
    return minute >= range.start && minute < range.end;
  }
  // Crosses midnight.
  return minute >= range.start || minute < range.end;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let formatter = formatters.get(tz);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      // An invalid zone never crashes a turn: the settings parser rejects it anyway, this only
      // guards rows written before validation.
      formatter = formatterFor(FALLBACK_TZ);
    }
    formatters.set(tz, formatter);
  }
  return formatter;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The local wall clock at `now` in `tz`. */
export function localClock(now: Date, tz: string): LocalClock {
  const parts = formatterFor(tz).formatToParts(now);
  const get = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '0';
  const hour = Number(get('hour')) % 24;
  const minute = Number(get('minute'));
  const second = Number(get('second')) + (((now.getTime() % 1000) + 1000) % 1000) / 1000;
  return {
    minuteOfDay: hour * 60 + minute,
    secondOfMinute: second,
    weekday: Math.max(0, WEEKDAYS.indexOf(get('weekday'))),
  };
}

/** Parsed ranges, malformed entries dropped. */
export function parseRanges(ranges: readonly unknown[]): MinuteRange[] {
  return ranges.map(parseRange).filter((r): r is MinuteRange => r !== null);
}

/**
 * Whether `now` falls in any of the ranges, in `tz`. An empty list (or one with only malformed
 * entries) is never within: callers decide what "no ranges" means (always active for a bot's
 * active hours, never for prime hours).
 */
export function isWithinRanges(now: Date, ranges: readonly unknown[], tz: string): boolean {
  const parsed = parseRanges(ranges);
  if (parsed.length === 0) {
    return false;
  }
  const { minuteOfDay } = localClock(now, tz);
  return parsed.some((r) => minuteInRange(minuteOfDay, r));
}

/**
 * The earliest instant ≥ now that lies within the ranges (now itself when already inside), or
 * null when there are no valid ranges. Exact to the minute; correct across DST changes because the
 * candidate is checked against the real clock and, if a shift made it miss, searched forward.
 */
export function nextWithinRanges(now: Date, ranges: readonly unknown[], tz: string): Date | null {
  const parsed = parseRanges(ranges);
  if (parsed.length === 0) {
    return null;
  }
  const clock = localClock(now, tz);
  if (parsed.some((r) => minuteInRange(clock.minuteOfDay, r))) {
    return now;
  }
  const minuteStart = now.getTime() - Math.round(clock.secondOfMinute * 1000);
  const delta = Math.min(
    ...parsed.map((r) => (r.start - clock.minuteOfDay + MINUTES_PER_DAY) % MINUTES_PER_DAY),
  );
  const candidate = new Date(minuteStart + delta * 60_000);
  if (isWithinRanges(candidate, ranges, tz)) {
    return candidate;
  }
  // A DST jump moved the wall clock: walk forward minute by minute (at most two days).
  for (let m = 1; m <= 2 * MINUTES_PER_DAY; m++) {
    const probe = new Date(minuteStart + m * 60_000);
    if (isWithinRanges(probe, ranges, tz)) {
      return probe;
    }
  }
  return null;
}

const TURKISH_WEEKDAYS = [
  'Pazar',
  'Pazartesi',
  'Salı',
  'Çarşamba',
  'Perşembe',
  'Cuma',
  'Cumartesi',
];

/** sabah 06–12, öğle 12–18 (the working afternoon), akşam 18–22, gece 22–06. */
export function dayPartOf(minuteOfDay: number): DayPart {
  const hour = Math.floor(minuteOfDay / 60);
  if (hour >= 6 && hour < 12) {
    return 'sabah';
  }
  if (hour >= 12 && hour < 18) {
    return 'öğle';
  }
  if (hour >= 18 && hour < 22) {
    return 'akşam';
  }
  return 'gece';
}

/** Whether the BIST equity session is open (10:00–18:00 Istanbul, Monday–Friday). */
export function isBistOpen(now: Date): boolean {
  const { minuteOfDay, weekday } = localClock(now, BIST_TZ);
  return (
    weekday >= 1 &&
    weekday <= 5 &&
    minuteOfDay >= BIST_OPEN_MINUTE &&
    minuteOfDay < BIST_CLOSE_MINUTE
  );
}

/** Local time facts for prompts: part of day, weekday/weekend, BIST session. */
export function localContext(now: Date, tz: string): LocalTimeContext {
  const clock = localClock(now, tz);
  const hh = String(Math.floor(clock.minuteOfDay / 60)).padStart(2, '0');
  const mm = String(clock.minuteOfDay % 60).padStart(2, '0');
  return {
    timezone: tz,
    local_time: `${hh}:${mm}`,
    day_part: dayPartOf(clock.minuteOfDay),
    weekday_name: TURKISH_WEEKDAYS[clock.weekday],
    weekend: clock.weekday === 0 || clock.weekday === 6,
    bist_open: isBistOpen(now),
  };
}
