import { CsrfRequestFacts, isCsrfSafe } from './csrf.util';

const base: CsrfRequestFacts = {
  method: 'POST',
  origin: undefined,
  secFetchSite: undefined,
  ownOrigin: 'https://api.example.com',
  allowedOrigins: ['https://dash.example.com'],
};

describe('isCsrfSafe', () => {
  it('lets safe methods through whatever their origin', () => {
    expect(isCsrfSafe({ ...base, method: 'GET', origin: 'https://evil.example' })).toBe(true);
    expect(isCsrfSafe({ ...base, method: 'head', origin: 'https://evil.example' })).toBe(true);
  });

  it('accepts the API origin and allowed origins, case-insensitively', () => {
    expect(isCsrfSafe({ ...base, origin: 'https://api.example.com' })).toBe(true);
    expect(isCsrfSafe({ ...base, origin: 'HTTPS://DASH.example.com' })).toBe(true);
  });

  it('refuses other origins, the opaque "null" origin, and look-alike prefixes', () => {
    expect(isCsrfSafe({ ...base, origin: 'https://evil.example' })).toBe(false);
    expect(isCsrfSafe({ ...base, origin: 'null' })).toBe(false);
    expect(isCsrfSafe({ ...base, origin: 'https://api.example.com.evil.example' })).toBe(false);
    expect(isCsrfSafe({ ...base, method: 'DELETE', origin: 'http://api.example.com' })).toBe(false);
  });

  it('falls back to Sec-Fetch-Site when Origin is missing, and refuses when both are', () => {
    expect(isCsrfSafe({ ...base, secFetchSite: 'same-origin' })).toBe(true);
    expect(isCsrfSafe({ ...base, secFetchSite: 'none' })).toBe(true);
    expect(isCsrfSafe({ ...base, secFetchSite: 'cross-site' })).toBe(false);
    expect(isCsrfSafe({ ...base, secFetchSite: 'same-site' })).toBe(false);
    expect(isCsrfSafe(base)).toBe(false);
  });
});
