import { redactSecrets } from '../common/logging/redact';
import { isTokenShaped, tokenFingerprint, tokenHint } from './bot-token.util';

const REAL = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1';

describe('bot token helpers', () => {
  it('recognises real token shapes and refuses placeholders', () => {
    expect(isTokenShaped(REAL)).toBe(true);
    for (const placeholder of [
      'BOT_TOKEN_1',
      '<TOKEN>',
      '123:ABC',
      'TELEGRAM_BOT_TOKEN_BURAYA',
      '',
    ]) {
      expect(isTokenShaped(placeholder)).toBe(false);
    }
  });

  it('only accepts tokens the log redaction recognises', () => {
    expect(redactSecrets(`call /bot${REAL}/getMe`)).not.toContain(REAL);
  });

  it('masks to the first and last four characters', () => {
    expect(tokenHint(REAL)).toBe('1234…saw1');
  });

  it('fingerprints deterministically without revealing the token', () => {
    expect(tokenFingerprint(REAL)).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenFingerprint(REAL)).toBe(tokenFingerprint(REAL));
    expect(tokenFingerprint(REAL)).not.toBe(tokenFingerprint(`${REAL}x`));
  });
});
