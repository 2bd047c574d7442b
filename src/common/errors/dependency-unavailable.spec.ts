import { isDependencyUnavailable } from './dependency-unavailable';

describe('isDependencyUnavailable', () => {
  it.each([
    [
      'ioredis without offline queue',
      new Error("Stream isn't writeable and enableOfflineQueue options is false"),
    ],
    ['ioredis closed', new Error('Connection is closed.')],
    [
      'ioredis retries exhausted',
      new Error(
        'Reached the max retries per request limit (which is 1). Refer to "maxRetriesPerRequest" option for details.',
      ),
    ],
    [
      'refused socket',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' }),
    ],
    ['pg connection lost', new Error('Connection terminated unexpectedly')],
    [
      'pg shutting down (TypeORM wrapped)',
      Object.assign(new Error('terminating connection due to administrator command'), {
        driverError: { code: '57P01' },
      }),
    ],
    ['pg connection exception class 08', Object.assign(new Error('x'), { code: '08006' })],
    [
      'wrapped cause',
      new Error('query failed', {
        cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }),
      }),
    ],
  ])('%s → unavailable', (_name, error) => {
    expect(isDependencyUnavailable(error)).toBe(true);
  });

  it.each([
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['unique violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['not an error', 'ECONNREFUSED'],
    ['null', null],
  ])('%s → not unavailable', (_name, error) => {
    expect(isDependencyUnavailable(error)).toBe(false);
  });
});
