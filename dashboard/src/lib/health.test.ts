import { describe, expect, it } from 'vitest';
import { normalizeHealth } from './health';

describe('normalizeHealth', () => {
  it('reads a terminus-style body', () => {
    expect(
      normalizeHealth({
        status: 'error',
        details: { database: { status: 'up' }, redis: { status: 'down', message: 'ECONNREFUSED' } },
      }),
    ).toEqual([
      { name: 'database', level: 'ok', detail: null },
      { name: 'redis', level: 'down', detail: 'ECONNREFUSED' },
    ]);
  });

  it('reads a flat name → status map and skips the overall status', () => {
    expect(normalizeHealth({ status: 'ok', api: 'ok', worker: 'degraded' })).toEqual([
      { name: 'api', level: 'ok', detail: null },
      { name: 'worker', level: 'degraded', detail: null },
    ]);
  });

  it('returns nothing for unusable bodies', () => {
    expect(normalizeHealth('oops')).toEqual([]);
    expect(normalizeHealth(null)).toEqual([]);
  });
});
