import { ConfigValidationError, loadConfig } from './load-config';

const BASE = { DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...BASE, ...env });
    return [];
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      return error.problems;
    }
    throw error;
  }
}

describe('observability configuration', () => {
  it('defaults to a loopback worker port 9465 and loopback-only metrics', () => {
    const config = loadConfig(BASE);
    expect(config.worker.http).toEqual({ port: 9465, host: '127.0.0.1' });
    expect(config.metrics).toEqual({ token: null, allow: [] });
    expect(config.worker.testProbeDelayMs).toBe(0);
  });

  it('parses the token, the allow-list and a disabled worker port', () => {
    const config = loadConfig({
      ...BASE,
      METRICS_TOKEN: 'a-long-enough-token',
      METRICS_ALLOW: ' 10.0.0.0/8 , 192.168.1.7,fd00::/8',
      WORKER_HTTP_PORT: '0',
      WORKER_HTTP_HOST: '0.0.0.0',
    });
    expect(config.metrics).toEqual({
      token: 'a-long-enough-token',
      allow: ['10.0.0.0/8', '192.168.1.7', 'fd00::/8'],
    });
    expect(config.worker.http).toEqual({ port: 0, host: '0.0.0.0' });
  });

  it('rejects bad allow-list entries, short tokens and bad ports, naming each', () => {
    const found = problems({
      METRICS_ALLOW: '10.0.0.0/33,example.com,1.2.3.4/8/9',
      METRICS_TOKEN: 'short',
      WORKER_HTTP_PORT: '70000',
    });
    // Field validation reports both at once (the allow-list is checked after it passes).
    expect(found).toHaveLength(2);
    expect(found.join('\n')).toMatch(/METRICS_TOKEN/);
    expect(found.join('\n')).toMatch(/WORKER_HTTP_PORT/);
    const allow = problems({ METRICS_ALLOW: '10.0.0.0/33,example.com,1.2.3.4/8/9' });
    expect(allow).toEqual([
      'METRICS_ALLOW: "10.0.0.0/33" is not an IP address or CIDR (e.g. 10.0.0.0/8)',
      'METRICS_ALLOW: "example.com" is not an IP address or CIDR (e.g. 10.0.0.0/8)',
      'METRICS_ALLOW: "1.2.3.4/8/9" is not an IP address or CIDR (e.g. 10.0.0.0/8)',
    ]);
  });

  it('refuses the test-only probe delay outside NODE_ENV=test', () => {
    expect(problems({ TEST_PROBE_DELAY_MS: '500', NODE_ENV: 'development' })).toEqual([
      'TEST_PROBE_DELAY_MS is for tests only: set it to 0 or use NODE_ENV=test',
    ]);
    expect(
      loadConfig({ ...BASE, TEST_PROBE_DELAY_MS: '500', NODE_ENV: 'test' }).worker.testProbeDelayMs,
    ).toBe(500);
  });
});
