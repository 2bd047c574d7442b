import { Semaphore } from './semaphore';

describe('Semaphore', () => {
  it('grants up to the limit and serves waiters in order', async () => {
    const semaphore = new Semaphore(2);
    const a = await semaphore.acquire();
    const b = await semaphore.acquire();
    const order: string[] = [];
    const c = semaphore.acquire().then((release) => {
      order.push('c');
      return release;
    });
    const d = semaphore.acquire().then((release) => {
      order.push('d');
      return release;
    });
    expect(semaphore.waiting).toBe(2);
    a();
    a(); // releasing twice frees one slot only
    const releaseC = await c;
    expect(order).toEqual(['c']);
    expect(semaphore.inUse).toBe(2);
    b();
    (await d)();
    releaseC();
    expect(order).toEqual(['c', 'd']);
    expect(semaphore.inUse).toBe(0);
  });

  it('drops a waiter whose signal aborts', async () => {
    const semaphore = new Semaphore(1);
    const held = await semaphore.acquire();
    const controller = new AbortController();
    const waiting = semaphore.acquire(controller.signal);
    controller.abort(new Error('turn abandoned'));
    await expect(waiting).rejects.toThrow('turn abandoned');
    expect(semaphore.waiting).toBe(0);
    held();
    expect(semaphore.inUse).toBe(0);
  });
});
