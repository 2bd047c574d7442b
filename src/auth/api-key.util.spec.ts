import { apiKeyMatches, apiKeyPrefix, generateApiKey, hashApiKey } from './api-key.util';

describe('API keys', () => {
  it('are random, well-formed, and carry their prefix', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.raw).toMatch(/^pk_[A-Za-z0-9]{8}_[A-Za-z0-9]{32}$/);
    expect(a.raw).not.toBe(b.raw);
    expect(apiKeyPrefix(a.raw)).toBe(a.prefix);
    expect(a.hash).toBe(hashApiKey(a.raw));
    expect(a.hash).not.toContain(a.raw);
  });

  it('match only the exact key', () => {
    const key = generateApiKey();
    expect(apiKeyMatches(key.raw, key.hash)).toBe(true);
    expect(apiKeyMatches(`${key.raw.slice(0, -1)}x`, key.hash)).toBe(false);
    expect(apiKeyMatches(generateApiKey().raw, key.hash)).toBe(false);
  });

  it('have no prefix when malformed', () => {
    expect(apiKeyPrefix('pk_short_x')).toBeNull();
    expect(apiKeyPrefix('')).toBeNull();
    expect(apiKeyPrefix(`xx_${'a'.repeat(8)}_${'b'.repeat(32)}`)).toBeNull();
  });
});
