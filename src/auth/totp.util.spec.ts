import { newTotpSecret, totpCodeAt, totpUri, verifyTotp } from './totp.util';

describe('TOTP', () => {
  const secret = newTotpSecret();
  const t = 1_800_000_000_000; // a step boundary: 1.8e9 s is a multiple of 30

  it('accepts the current code and returns its time step', () => {
    expect(verifyTotp(secret, totpCodeAt(secret, t), t + 5_000)).toBe(t / 30_000);
  });

  it('tolerates one step of drift either way, not two', () => {
    expect(verifyTotp(secret, totpCodeAt(secret, t - 30_000), t)).toBe(t / 30_000 - 1);
    expect(verifyTotp(secret, totpCodeAt(secret, t + 30_000), t)).toBe(t / 30_000 + 1);
    const twoBack = totpCodeAt(secret, t - 60_000);
    const window = [-1, 0, 1].map((d) => totpCodeAt(secret, t + d * 30_000));
    if (!window.includes(twoBack)) {
      expect(verifyTotp(secret, twoBack, t)).toBeNull();
    }
    const twoAhead = totpCodeAt(secret, t + 60_000);
    if (!window.includes(twoAhead)) {
      expect(verifyTotp(secret, twoAhead, t)).toBeNull();
    }
  });

  it('rejects malformed codes and another secret', () => {
    expect(verifyTotp(secret, 'abcdef', t)).toBeNull();
    expect(verifyTotp(secret, '1234567', t)).toBeNull();
    const other = newTotpSecret();
    const code = totpCodeAt(other, t);
    if (code !== totpCodeAt(secret, t)) {
      expect(verifyTotp(secret, code, t)).toBeNull();
    }
  });

  it('builds an otpauth URI with issuer and label', () => {
    expect(totpUri(secret, 'alice')).toMatch(/^otpauth:\/\/totp\/piyasa:alice\?secret=[A-Z2-7]+/);
  });
});
