import { metricsAccessChecker, normalizeAddress } from './metrics-access.util';

const TOKEN = 'scrape-token-0123456789';

describe('metricsAccessChecker', () => {
  it('allows only loopback when neither a token nor an allow-list is configured', () => {
    const decide = metricsAccessChecker({ token: null, allow: [] });
    expect(decide({ address: '127.0.0.1', authorization: undefined })).toBe('allowed');
    expect(decide({ address: '::1', authorization: undefined })).toBe('allowed');
    expect(decide({ address: '::ffff:127.0.0.1', authorization: undefined })).toBe('allowed');
    expect(decide({ address: '10.0.0.5', authorization: undefined })).toBe('address_refused');
    expect(decide({ address: undefined, authorization: undefined })).toBe('address_refused');
  });

  it('with a token, requires it from every address, loopback included', () => {
    const decide = metricsAccessChecker({ token: TOKEN, allow: [] });
    expect(decide({ address: '10.0.0.5', authorization: `Bearer ${TOKEN}` })).toBe('allowed');
    expect(decide({ address: '10.0.0.5', authorization: `bearer ${TOKEN}` })).toBe('allowed');
    expect(decide({ address: '127.0.0.1', authorization: undefined })).toBe('missing_token');
    expect(decide({ address: '10.0.0.5', authorization: 'Bearer wrong-token-0123456' })).toBe(
      'bad_token',
    );
    expect(decide({ address: '10.0.0.5', authorization: TOKEN })).toBe('missing_token');
  });

  it('allows addresses and subnets of the allow-list, IPv4 and IPv6', () => {
    const decide = metricsAccessChecker({
      token: null,
      allow: ['10.0.0.0/8', '192.168.1.7', 'fd00::/8'],
    });
    expect(decide({ address: '10.20.30.40', authorization: undefined })).toBe('allowed');
    expect(decide({ address: '::ffff:10.20.30.40', authorization: undefined })).toBe('allowed');
    expect(decide({ address: '192.168.1.7', authorization: undefined })).toBe('allowed');
    expect(decide({ address: 'fd12::1', authorization: undefined })).toBe('allowed');
    expect(decide({ address: '192.168.1.8', authorization: undefined })).toBe('address_refused');
    // An allow-list replaces the loopback default.
    expect(decide({ address: '127.0.0.1', authorization: undefined })).toBe('address_refused');
  });

  it('accepts either the token or an allowed address when both are configured', () => {
    const decide = metricsAccessChecker({ token: TOKEN, allow: ['10.0.0.0/8'] });
    expect(decide({ address: '10.1.1.1', authorization: undefined })).toBe('allowed');
    expect(decide({ address: '172.16.0.1', authorization: `Bearer ${TOKEN}` })).toBe('allowed');
    expect(decide({ address: '172.16.0.1', authorization: undefined })).toBe('missing_token');
  });

  it('normalizes IPv4-mapped IPv6 addresses', () => {
    expect(normalizeAddress('::ffff:1.2.3.4')).toBe('1.2.3.4');
    expect(normalizeAddress('2001:db8::1')).toBe('2001:db8::1');
  });
});
