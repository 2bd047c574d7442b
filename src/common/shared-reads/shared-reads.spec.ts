import { SharedReads } from './shared-reads';

/** A computation the test settles by hand, counting how often it was started. */
function deferredCompute<T>(): {
  compute: () => Promise<T>;
  resolve: (value: T) => void;
  reject: (error: Error) => void;
  started: () => number;
} {
  let starts = 0;
  const pending: { resolve: (v: T) => void; reject: (e: Error) => void }[] = [];
  return {
    compute: () => {
      starts++;
      return new Promise<T>((resolve, reject) => pending.push({ resolve, reject }));
    },
    resolve: (value) => pending.shift()?.resolve(value),
    reject: (error) => pending.shift()?.reject(error),
    started: () => starts,
  };
}

const settled = (): Promise<void> => new Promise((r) => setImmediate(r));

/**
 * At a fake 1_000_000 ms: a SharedReads whose 'metrics' read (1 s to live) has computed `value`
 * and settled, with the computation the test goes on with.
 */
async function settledMetrics<T>(
  value: T,
): Promise<{ reads: SharedReads; a: ReturnType<typeof deferredCompute<T>> }> {
  jest.useFakeTimers({ now: 1_000_000, doNotFake: ['setImmediate', 'nextTick'] });
  const reads = new SharedReads();
  const a = deferredCompute<T>();
  const first = reads.share('metrics', 1000, a.compute);
  a.resolve(value);
  await first;
  await settled();
  return { reads, a };
}

describe('SharedReads', () => {
  afterEach(() => jest.useRealTimers());

  it('shares one computation between identical reads in flight, not between different keys', async () => {
    const reads = new SharedReads();
    const a = deferredCompute<string>();
    const first = reads.share('bots ?limit=100', 0, a.compute);
    const second = reads.share('bots ?limit=100', 0, a.compute);
    const other = reads.share('bots ?limit=10', 0, a.compute);
    expect(a.started()).toBe(2);
    a.resolve('page-100');
    a.resolve('page-10');
    await expect(first).resolves.toBe('page-100');
    await expect(second).resolves.toBe('page-100');
    await expect(other).resolves.toBe('page-10');
  });

  it('computes again once the shared read has ended when it has no time to live', async () => {
    const reads = new SharedReads();
    const a = deferredCompute<number>();
    const first = reads.share('k', 0, a.compute);
    a.resolve(1);
    await first;
    await settled();
    const second = reads.share('k', 0, a.compute);
    a.resolve(2);
    await expect(second).resolves.toBe(2);
    expect(a.started()).toBe(2);
  });

  it('hands a settled result out for its time to live, then waits for a new one once it is long stale', async () => {
    const { reads, a } = await settledMetrics(1);
    jest.setSystemTime(1_000_999);
    await expect(reads.share('metrics', 1000, a.compute)).resolves.toBe(1);
    expect(a.started()).toBe(1);
    // Nobody asked for two time-to-lives: the old value is too old to hand out.
    jest.setSystemTime(1_002_001);
    const later = reads.share('metrics', 1000, a.compute);
    a.resolve(2);
    await expect(later).resolves.toBe(2);
    expect(a.started()).toBe(2);
  });

  it('keeps handing out a just-stale result while one refresh runs, then the refreshed one', async () => {
    const { reads, a } = await settledMetrics(1);
    jest.setSystemTime(1_001_500);
    const during = [1, 2, 3].map(() => reads.share('metrics', 1000, a.compute));
    await expect(Promise.all(during)).resolves.toEqual([1, 1, 1]);
    expect(a.started()).toBe(2); // one refresh for all three callers
    a.resolve(2);
    await settled();
    await expect(reads.share('metrics', 1000, a.compute)).resolves.toBe(2);
    // The refreshed value has a time to live of its own.
    jest.setSystemTime(1_002_400);
    await expect(reads.share('metrics', 1000, a.compute)).resolves.toBe(2);
    expect(a.started()).toBe(2);
  });

  it('drops a background refresh overtaken by invalidate(), and retries one that failed', async () => {
    const { reads, a } = await settledMetrics('v1');
    jest.setSystemTime(1_001_100);
    await expect(reads.share('metrics', 1000, a.compute)).resolves.toBe('v1');
    a.reject(new Error('timeout')); // the refresh fails: the stale value stays
    await settled();
    await expect(reads.share('metrics', 1000, a.compute)).resolves.toBe('v1');
    expect(a.started()).toBe(3); // that caller started a new refresh
    reads.invalidate();
    a.resolve('computed before the write');
    await settled();
    const afterWrite = reads.share('metrics', 1000, a.compute);
    a.resolve('after the write');
    await expect(afterWrite).resolves.toBe('after the write');
    expect(a.started()).toBe(4);
  });

  it('never hands out a read that started before invalidate(), even one still in flight', async () => {
    const reads = new SharedReads();
    const a = deferredCompute<string>();
    const before = reads.share('bots', 60_000, a.compute);
    reads.invalidate();
    const after = reads.share('bots', 60_000, a.compute);
    expect(a.started()).toBe(2);
    a.resolve('before the write');
    a.resolve('after the write');
    await expect(before).resolves.toBe('before the write');
    await expect(after).resolves.toBe('after the write');
    await settled();
    // The stale read settling late must not replace the fresh one.
    await expect(reads.share('bots', 60_000, a.compute)).resolves.toBe('after the write');
    expect(a.started()).toBe(2);
  });

  it('does not keep a failure: the next read tries again', async () => {
    const reads = new SharedReads();
    const a = deferredCompute<string>();
    const failing = reads.share('logs', 60_000, a.compute);
    a.reject(new Error('connection reset'));
    await expect(failing).rejects.toThrow('connection reset');
    await settled();
    const retry = reads.share('logs', 60_000, a.compute);
    a.resolve('page');
    await expect(retry).resolves.toBe('page');
    expect(a.started()).toBe(2);
  });
});
