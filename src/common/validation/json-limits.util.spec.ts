import { findJsonLimitViolation, PROFILE_JSON_LIMITS } from './json-limits.util';

describe('findJsonLimitViolation', () => {
  it('accepts a realistic persona', () => {
    expect(
      findJsonLimitViolation({
        tone: 'sabırlı',
        watchlist: ['GARAN', 'THYAO'],
        style: { emojis: true, length: 'kısa' },
        empathy: 0.7,
        extra: null,
      }),
    ).toBeNull();
  });

  it.each([[[]], ['text'], [null], [42]])('refuses a non-object root %p', (value) => {
    expect(findJsonLimitViolation(value)).toEqual({ path: '', reason: 'must be a JSON object' });
  });

  it('names the path of a string that is too long', () => {
    const found = findJsonLimitViolation({ a: { list: ['ok', 'x'.repeat(2001)] } });
    expect(found).toEqual({ path: '.a.list[1]', reason: 'must be at most 2000 characters' });
  });

  it('refuses NUL characters and lone surrogates, which PostgreSQL rejects', () => {
    expect(findJsonLimitViolation({ a: 'x\u0000y' })?.path).toBe('.a');
    expect(findJsonLimitViolation({ a: '\ud800' })?.path).toBe('.a');
    expect(findJsonLimitViolation({ 'k\u0000': 1 })?.reason).toContain('invalid key');
    expect(findJsonLimitViolation({ a: '😀 ok' })).toBeNull();
  });

  it('refuses nesting beyond the limit', () => {
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < PROFILE_JSON_LIMITS.maxDepth; i += 1) {
      deep = { next: deep };
    }
    expect(findJsonLimitViolation(deep)?.reason).toContain('nests deeper');
  });

  it('refuses a value larger than the byte budget', () => {
    const big = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [`k${i}`, 'ş'.repeat(1000)]),
    );
    expect(findJsonLimitViolation(big)?.reason).toContain('bytes as JSON');
  });
});
