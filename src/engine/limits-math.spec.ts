import fc from 'fast-check';
import {
  earliestAdmissible,
  earliestInFixedWindow,
  earliestInSlidingWindow,
  fixedWindowBucket,
  HOUR_MS,
  retryAfterUntil,
  sendLimitChecks,
} from './limits-math';

const NOW = 1_000_000;

describe('earliestInSlidingWindow', () => {
  it('admits now while under the limit', () => {
    expect(earliestInSlidingWindow([], 1, 1000, NOW)).toBe(NOW);
    expect(earliestInSlidingWindow([NOW - 10], 2, 1000, NOW)).toBe(NOW);
  });

  it('waits for the oldest counting event to leave the window', () => {
    // 1 per second, last send 300 ms ago: 700 ms to wait.
    expect(earliestInSlidingWindow([NOW - 300], 1, 1000, NOW)).toBe(NOW + 700);
    // 3 per minute with sends 50 s, 20 s and 5 s ago: the 50 s one leaves in 10 s.
    expect(earliestInSlidingWindow([NOW - 5000, NOW - 50_000, NOW - 20_000], 3, 60_000, NOW)).toBe(
      NOW + 10_000,
    );
  });

  it('ignores events that already left the window, exactly at the boundary', () => {
    expect(earliestInSlidingWindow([NOW - 1000], 1, 1000, NOW)).toBe(NOW);
    expect(earliestInSlidingWindow([NOW - 999], 1, 1000, NOW)).toBe(NOW + 1);
  });

  it('handles more events than the limit (after a limit change)', () => {
    const events = [NOW - 40_000, NOW - 30_000, NOW - 20_000, NOW - 10_000];
    // Limit 2 leaves room for one more only when one event counts: the third oldest leaves at +40 s.
    expect(earliestInSlidingWindow(events, 2, 60_000, NOW)).toBe(NOW + 40_000);
  });

  it('never admits with a zero limit', () => {
    expect(earliestInSlidingWindow([], 0, 1000, NOW)).toBe(Infinity);
  });

  it('returns a time at which the window really has room', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: NOW - 5000, max: NOW }), { maxLength: 20 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 5000 }),
        (events, limit, windowMs) => {
          const at = earliestInSlidingWindow(events, limit, windowMs, NOW);
          const countAt = (t: number) => events.filter((e) => e > t - windowMs && e <= t).length;
          const ok = countAt(at) < limit;
          // And it is the earliest: one millisecond before is still full (unless it is now).
          const earliest = at === NOW || countAt(at - 1) >= limit;
          return ok && earliest;
        },
      ),
    );
  });
});

describe('fixed windows', () => {
  it('buckets times and admits until the bucket is full', () => {
    expect(fixedWindowBucket(125_000, 60_000)).toEqual({
      index: 2,
      startMs: 120_000,
      endMs: 180_000,
    });
    expect(earliestInFixedWindow(5, 6, 60_000, 125_000)).toBe(125_000);
    expect(earliestInFixedWindow(6, 6, 60_000, 125_000)).toBe(180_000);
    expect(earliestInFixedWindow(0, 0, 60_000, 125_000)).toBe(Infinity);
  });
});

describe('earliestAdmissible and sendLimitChecks', () => {
  const settings = { max_msgs_per_min: 6, bot_hourly_msg_limit: { max: 12 } };
  const empty = { globalMs: [], botMs: [], botChatMs: [], chatMs: [], tokenMs: [] };

  it('admits now with no history', () => {
    expect(earliestAdmissible(sendLimitChecks(empty, settings), NOW)).toEqual({
      atMs: NOW,
      blockedBy: [],
    });
  });

  it('takes the latest of all limits and names the blocking ones', () => {
    const history = {
      ...empty,
      chatMs: [NOW - 200],
      botMs: Array.from({ length: 12 }, (_, i) => NOW - HOUR_MS + 5000 + i * 1000),
    };
    expect(earliestAdmissible(sendLimitChecks(history, settings), NOW)).toEqual({
      atMs: NOW + 5000,
      blockedBy: ['bot_per_hour', 'chat_per_second'],
    });
  });

  it('applies the global per-minute cap and Telegram per-bot-per-chat 20/min', () => {
    const sixRecent = Array.from({ length: 6 }, (_, i) => NOW - 30_000 + i);
    expect(
      earliestAdmissible(sendLimitChecks({ ...empty, globalMs: sixRecent }, settings), NOW).atMs,
    ).toBe(NOW + 30_000);
    // The oldest of twenty is a minute old: Telegram would take the next one now, the arrival
    // margin holds it a second more.
    const twenty = Array.from({ length: 20 }, (_, i) => NOW - 60_000 + i * 100);
    expect(
      earliestAdmissible(
        sendLimitChecks({ ...empty, botChatMs: twenty }, { ...settings, max_msgs_per_min: 100 }),
        NOW,
      ),
    ).toEqual({ atMs: NOW + 1000, blockedBy: ['bot_chat_per_minute'] });
    const thirty = Array.from({ length: 30 }, () => NOW - 500);
    expect(
      earliestAdmissible(sendLimitChecks({ ...empty, tokenMs: thirty }, settings), NOW),
    ).toEqual({
      atMs: NOW + 500,
      blockedBy: ['token_per_second'],
    });
  });
});

describe('retryAfterUntil', () => {
  it('holds for retry_after seconds, at least one', () => {
    expect(retryAfterUntil(NOW, 7)).toBe(NOW + 7000);
    expect(retryAfterUntil(NOW, 0.2)).toBe(NOW + 1000);
    expect(retryAfterUntil(NOW, 'x')).toBe(NOW + 1000);
  });
});
