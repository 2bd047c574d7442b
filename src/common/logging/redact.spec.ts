import { redactDeep, redactSecrets } from './redact';

const TOKEN = '123456789:AAHfakeTokenForTestsOnly_abcdefghijklm';

describe('redactSecrets', () => {
  it('redacts a bot token inside a Bot API request URL', () => {
    expect(
      redactSecrets(
        `request to https://api.telegram.org/bot${TOKEN}/sendMessage failed, reason: socket hang up`,
      ),
    ).toBe(
      'request to https://api.telegram.org/bot[REDACTED]/sendMessage failed, reason: socket hang up',
    );
  });

  it('redacts a bare token and leaves ordinary text alone', () => {
    expect(redactSecrets(`token=${TOKEN};`)).toBe('token=[REDACTED];');
    expect(redactSecrets('saat 12:30, THYAO 312.50')).toBe('saat 12:30, THYAO 312.50');
  });

  it('redacts nested values and secret keys', () => {
    expect(redactDeep({ url: `/bot${TOKEN}/getMe`, token: 'x', list: [TOKEN] })).toEqual({
      url: '/bot[REDACTED]/getMe',
      token: '[REDACTED]',
      list: ['[REDACTED]'],
    });
  });
});
