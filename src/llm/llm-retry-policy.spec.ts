import { backoffDelayMs, retryAfterMs } from './llm-retry-policy';

describe('backoffDelayMs', () => {
  const options = { baseMs: 100, maxMs: 1000 };

  it('doubles per attempt with half of it jittered, capped', () => {
    expect([1, 2, 3, 4, 5].map((a) => backoffDelayMs(a, options, () => 0))).toEqual([
      50, 100, 200, 400, 500,
    ]);
    expect([1, 2, 3, 4, 5].map((a) => backoffDelayMs(a, options, () => 0.999999))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
  });
});

describe('retryAfterMs', () => {
  const headers = (values: Record<string, string>) => (name: string) => values[name] ?? null;
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('prefers retry-after-ms, then seconds, then an HTTP date', () => {
    expect(retryAfterMs(headers({ 'retry-after-ms': '250.4', 'retry-after': '9' }), now)).toBe(251);
    expect(retryAfterMs(headers({ 'retry-after': '2' }), now)).toBe(2000);
    expect(retryAfterMs(headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), now)).toBe(
      3000,
    );
  });

  it('is undefined when absent or unreadable', () => {
    expect(retryAfterMs(headers({}), now)).toBeUndefined();
    expect(retryAfterMs(headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
  });
});
