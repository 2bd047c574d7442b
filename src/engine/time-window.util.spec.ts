import {
  dayPartOf,
  isBistOpen,
  isWithinRanges,
  localClock,
  localContext,
  minuteInRange,
  nextWithinRanges,
  parseRange,
} from './time-window.util';

const IST = 'Europe/Istanbul';
/** An instant given as Istanbul wall time (UTC+3 all year, no DST since 2016). */
const ist = (iso: string): Date => new Date(`${iso}+03:00`);

describe('parseRange', () => {
  it('parses ranges in minutes', () => {
    expect(parseRange('09:30-12:00')).toEqual({ start: 570, end: 720 });
    expect(parseRange(' 9:05 - 17:45 ')).toEqual({ start: 545, end: 1065 });
    expect(parseRange('22:00-02:00')).toEqual({ start: 1320, end: 120 });
    expect(parseRange('18:00-24:00')).toEqual({ start: 1080, end: 1440 });
    expect(parseRange('00:00-24:00')).toEqual({ start: 0, end: 1440 });
  });

  it('rejects malformed and empty ranges', () => {
    for (const bad of ['', '9-12', '25:00-26:00', '10:60-11:00', '24:00-02:00', '10:00-24:30']) {
      expect(parseRange(bad)).toBeNull();
    }
    expect(parseRange('10:00-10:00')).toBeNull();
    expect(parseRange(null)).toBeNull();
    expect(parseRange(930)).toBeNull();
    expect(parseRange('1'.repeat(100))).toBeNull();
  });
});

describe('minuteInRange', () => {
  it('treats start as inclusive and end as exclusive', () => {
    const r = { start: 600, end: 1080 };
    expect(minuteInRange(600, r)).toBe(true);
    expect(minuteInRange(1079, r)).toBe(true);
    expect(minuteInRange(1080, r)).toBe(false);
    expect(minuteInRange(599, r)).toBe(false);
  });

  it('handles ranges across midnight', () => {
    const r = { start: 1320, end: 120 };
    expect(minuteInRange(1320, r)).toBe(true);
    expect(minuteInRange(1439, r)).toBe(true);
    expect(minuteInRange(0, r)).toBe(true);
    expect(minuteInRange(119, r)).toBe(true);
    expect(minuteInRange(120, r)).toBe(false);
    expect(minuteInRange(1000, r)).toBe(false);
  });
});

describe('localClock', () => {
  it('reads the wall clock of the timezone, not of the server', () => {
    const instant = new Date('2026-01-15T07:30:15.250Z');
    expect(localClock(instant, IST)).toEqual({
      minuteOfDay: 10 * 60 + 30,
      secondOfMinute: 15.25,
      weekday: 4,
    });
    expect(localClock(instant, 'UTC').minuteOfDay).toBe(7 * 60 + 30);
    expect(localClock(instant, 'America/New_York').minuteOfDay).toBe(2 * 60 + 30);
  });

  it('reports midnight as 0, not 24', () => {
    expect(localClock(ist('2026-01-15T00:00:00'), IST).minuteOfDay).toBe(0);
  });

  it('falls back to Istanbul for an invalid zone instead of throwing', () => {
    const instant = new Date('2026-01-15T07:30:00Z');
    expect(localClock(instant, 'Not/AZone').minuteOfDay).toBe(630);
  });

  it('has no daylight saving in Istanbul', () => {
    // Late March and late October are when Europe shifts; Istanbul stays UTC+3.
    expect(localClock(new Date('2026-03-30T09:00:00Z'), IST).minuteOfDay).toBe(12 * 60);
    expect(localClock(new Date('2026-10-26T09:00:00Z'), IST).minuteOfDay).toBe(12 * 60);
  });
});

describe('isWithinRanges', () => {
  const prime = ['09:30-12:00', '14:00-18:00'];

  it('evaluates ranges in the timezone', () => {
    expect(isWithinRanges(ist('2026-01-15T10:00:00'), prime, IST)).toBe(true);
    expect(isWithinRanges(ist('2026-01-15T13:00:00'), prime, IST)).toBe(false);
    expect(isWithinRanges(ist('2026-01-15T17:59:59'), prime, IST)).toBe(true);
    expect(isWithinRanges(ist('2026-01-15T18:00:00'), prime, IST)).toBe(false);
    // 10:00 UTC is 13:00 in Istanbul: outside, although 10:00 would be inside.
    expect(isWithinRanges(new Date('2026-01-15T10:00:00Z'), prime, IST)).toBe(false);
    expect(isWithinRanges(new Date('2026-01-15T10:00:00Z'), prime, 'UTC')).toBe(true);
  });

  it('handles midnight-crossing and 24:00 ranges', () => {
    expect(isWithinRanges(ist('2026-01-15T23:30:00'), ['22:00-02:00'], IST)).toBe(true);
    expect(isWithinRanges(ist('2026-01-15T01:59:00'), ['22:00-02:00'], IST)).toBe(true);
    expect(isWithinRanges(ist('2026-01-15T02:00:00'), ['22:00-02:00'], IST)).toBe(false);
    expect(isWithinRanges(ist('2026-01-15T23:59:59'), ['20:00-24:00'], IST)).toBe(true);
    expect(isWithinRanges(ist('2026-01-15T00:00:00'), ['20:00-24:00'], IST)).toBe(false);
    expect(isWithinRanges(ist('2026-01-15T03:00:00'), ['00:00-24:00'], IST)).toBe(true);
  });

  it('is never within an empty or malformed list', () => {
    expect(isWithinRanges(ist('2026-01-15T10:00:00'), [], IST)).toBe(false);
    expect(isWithinRanges(ist('2026-01-15T10:00:00'), ['junk', 5], IST)).toBe(false);
    expect(isWithinRanges(ist('2026-01-15T10:00:00'), ['junk', '09:00-11:00'], IST)).toBe(true);
  });
});

describe('nextWithinRanges', () => {
  it('returns now when already inside', () => {
    const now = ist('2026-01-15T10:00:30');
    expect(nextWithinRanges(now, ['09:00-11:00'], IST)).toBe(now);
  });

  it('returns the next start later today, on the minute', () => {
    const now = ist('2026-01-15T07:12:45');
    expect(nextWithinRanges(now, ['09:00-11:00', '14:00-15:00'], IST)).toEqual(
      ist('2026-01-15T09:00:00'),
    );
  });

  it('wraps to tomorrow after the last range', () => {
    const now = ist('2026-01-15T23:00:00');
    expect(nextWithinRanges(now, ['09:00-11:00', '14:00-15:00'], IST)).toEqual(
      ist('2026-01-16T09:00:00'),
    );
  });

  it('finds the start of a midnight-crossing range', () => {
    const now = ist('2026-01-15T12:00:00');
    expect(nextWithinRanges(now, ['22:00-02:00'], IST)).toEqual(ist('2026-01-15T22:00:00'));
  });

  it('is null without valid ranges', () => {
    expect(nextWithinRanges(ist('2026-01-15T12:00:00'), [], IST)).toBeNull();
    expect(nextWithinRanges(ist('2026-01-15T12:00:00'), ['nope'], IST)).toBeNull();
  });

  it('lands inside the ranges across a DST change elsewhere', () => {
    // Berlin springs forward on 2026-03-29 at 02:00 → 03:00; a 02:30 start does not exist that day.
    const now = new Date('2026-03-28T23:00:00Z'); // 00:00 in Berlin
    const next = nextWithinRanges(now, ['02:30-04:00'], 'Europe/Berlin');
    expect(next).not.toBeNull();
    expect(isWithinRanges(next as Date, ['02:30-04:00'], 'Europe/Berlin')).toBe(true);
    expect((next as Date).getTime()).toBeGreaterThan(now.getTime());
  });
});

describe('dayPartOf', () => {
  it('splits the day into Turkish parts', () => {
    expect(dayPartOf(0)).toBe('gece');
    expect(dayPartOf(5 * 60 + 59)).toBe('gece');
    expect(dayPartOf(6 * 60)).toBe('sabah');
    expect(dayPartOf(12 * 60)).toBe('öğle');
    expect(dayPartOf(17 * 60 + 59)).toBe('öğle');
    expect(dayPartOf(18 * 60)).toBe('akşam');
    expect(dayPartOf(22 * 60)).toBe('gece');
  });
});

describe('isBistOpen and localContext', () => {
  it('opens 10:00–18:00 Istanbul on weekdays only', () => {
    expect(isBistOpen(ist('2026-01-15T09:59:59'))).toBe(false);
    expect(isBistOpen(ist('2026-01-15T10:00:00'))).toBe(true);
    expect(isBistOpen(ist('2026-01-15T17:59:00'))).toBe(true);
    expect(isBistOpen(ist('2026-01-15T18:00:00'))).toBe(false);
    expect(isBistOpen(ist('2026-01-17T12:00:00'))).toBe(false); // Saturday
    expect(isBistOpen(ist('2026-01-18T12:00:00'))).toBe(false); // Sunday
  });

  it('describes the local time', () => {
    expect(localContext(ist('2026-01-16T10:05:00'), IST)).toEqual({
      timezone: IST,
      local_time: '10:05',
      day_part: 'sabah',
      weekday_name: 'Cuma',
      weekend: false,
      bist_open: true,
    });
    expect(localContext(ist('2026-01-17T21:00:00'), IST)).toMatchObject({
      day_part: 'akşam',
      weekday_name: 'Cumartesi',
      weekend: true,
      bist_open: false,
    });
  });

  it('keeps the BIST session in Istanbul time whatever the chat timezone', () => {
    const instant = ist('2026-01-15T11:00:00'); // 08:00 UTC
    expect(localContext(instant, 'UTC')).toMatchObject({ local_time: '08:00', bist_open: true });
  });
});
