import { describe, expect, it } from 'vitest';
import { healthItems } from './health';

describe('healthItems', () => {
  it('lists each component of GET /system/health with its detail and latency', () => {
    expect(
      healthItems({
        status: 'degraded',
        generated_at: '2026-01-01T00:00:00Z',
        components: [
          { name: 'database', status: 'ok', detail: 'reachable', latency_ms: 3 },
          { name: 'workers', status: 'degraded', detail: '', latency_ms: null },
          { name: 'redis', status: 'down', detail: 'ECONNREFUSED' },
        ],
        workers: [],
        disk: null,
      }),
    ).toEqual([
      { name: 'database', level: 'ok', detail: 'reachable · 3 ms' },
      { name: 'workers', level: 'degraded', detail: null },
      { name: 'redis', level: 'down', detail: 'ECONNREFUSED' },
    ]);
  });
});
