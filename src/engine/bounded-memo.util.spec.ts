import { boundedMemo } from './bounded-memo.util';

describe('boundedMemo', () => {
  it('computes each key once while it is remembered', () => {
    const fn = jest.fn((key: string) => key.length);
    const memo = boundedMemo(fn, 10);
    expect(memo('abc')).toBe(3);
    expect(memo('abc')).toBe(3);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('forgets the oldest key beyond its bound', () => {
    const fn = jest.fn((key: string) => key.toUpperCase());
    const memo = boundedMemo(fn, 2);
    memo('a');
    memo('b');
    memo('c');
    memo('b');
    expect(fn).toHaveBeenCalledTimes(3);
    memo('a');
    expect(fn).toHaveBeenCalledTimes(4);
  });
});
