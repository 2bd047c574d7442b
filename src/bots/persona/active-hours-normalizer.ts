import { parseRange } from '../../engine/time-window.util';
import {
  describeValue,
  isRecord,
  MAX_SCAN_ITEMS,
  Normalized,
  own,
  Warn,
} from './persona-value.util';

export const MAX_ACTIVE_RANGES = 24;

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function readOne(item: unknown, warn: Warn): string | null {
  let text: unknown = item;
  if (isRecord(item)) {
    // {start: "09:00", end: "12:00"} / {from, to}
    const start = own(item, 'start') ?? own(item, 'from');
    const end = own(item, 'end') ?? own(item, 'to');
    text = typeof start === 'string' && typeof end === 'string' ? `${start}-${end}` : null;
  }
  const range = parseRange(typeof text === 'string' ? text.replace(/[–—]/g, '-') : text);
  if (!range) {
    warn(`active_hours: ${describeValue(item)} is not a "HH:MM-HH:MM" range, dropped`);
    return null;
  }
  return `${hhmm(range.start)}-${hhmm(range.end)}`;
}

/**
 * A bot's active hours as canonical "HH:MM-HH:MM" strings from a list, a comma-separated string or
 * {start, end} objects. Malformed entries are dropped with a warning; an empty result means
 * "always active". Accepts any JSON; never throws.
 */
export function normalizeActiveHours(raw: unknown): Normalized<string[]> {
  const warnings: string[] = [];
  const warn: Warn = (m) => warnings.push(m);
  let items: unknown[];
  if (raw === undefined || raw === null) {
    items = [];
  } else if (Array.isArray(raw)) {
    items = raw.slice(0, MAX_SCAN_ITEMS);
  } else if (typeof raw === 'string') {
    items = raw
      .slice(0, 2000)
      .split(/[,;\n]+/)
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
  } else if (isRecord(raw)) {
    items = [raw];
  } else {
    warn(`active_hours: ${describeValue(raw)} is not a list of ranges, treated as always active`);
    items = [];
  }
  const out: string[] = [];
  for (const item of items) {
    const range = readOne(item, warn);
    if (range && !out.includes(range)) {
      out.push(range);
    }
  }
  if (out.length > MAX_ACTIVE_RANGES) {
    warn(`active_hours: kept the first ${MAX_ACTIVE_RANGES} of ${out.length} ranges`);
    return { value: out.slice(0, MAX_ACTIVE_RANGES), warnings };
  }
  return { value: out, warnings };
}
