import { ChatSchedule } from '../../../src/engine/scheduling/chat-schedule.service';
import { RedisService } from '../../../src/redis/redis.service';
import { deleteRedisPrefix } from '../../support/redis-cleanup';
import { testConfig } from '../../support/test-config';

describe('ChatSchedule (real Redis)', () => {
  const config = testConfig('postgres://unused@127.0.0.1/none');
  const connections: RedisService[] = [];

  function newSchedule(): ChatSchedule {
    const redis = new RedisService(config, 'worker');
    connections.push(redis);
    return new ChatSchedule(redis);
  }

  afterAll(async () => {
    await Promise.all(connections.map((c) => c.onModuleDestroy()));
    await deleteRedisPrefix(config.redis.prefix);
  });

  it('hands each due chat to exactly one of several concurrent claimers', async () => {
    const schedule = newSchedule();
    const ids = Array.from({ length: 60 }, (_, i) => i + 1);
    const due = Date.now() - 1000;
    await schedule.ensureScheduled(ids.map((chatDbId) => ({ chatDbId, at: due })));
    await schedule.scheduleAt(999, Date.now() + 60_000); // not due

    const claimers = Array.from({ length: 6 }, () => newSchedule());
    const batches = await Promise.all(claimers.map((c) => c.claimDue(30_000, 25)));
    const claimed = batches.flat().map((c) => c.chatDbId);

    expect(new Set(claimed).size).toBe(claimed.length);
    expect([...claimed].sort((a, b) => a - b)).toEqual(ids);
    expect(await schedule.claimDue(30_000, 100)).toEqual([]);
  });

  it('makes a claimed chat due again when its lease runs out', async () => {
    const schedule = newSchedule();
    await schedule.scheduleAt(500, Date.now() - 10);
    expect((await schedule.claimDue(200, 10)).map((c) => c.chatDbId)).toEqual([500]);
    expect(await schedule.claimDue(200, 10)).toEqual([]);
    await new Promise((r) => setTimeout(r, 250));
    expect((await schedule.claimDue(200, 10)).map((c) => c.chatDbId)).toEqual([500]);
    await schedule.unschedule([500]);
  });

  it('only brings a turn forward when expediting, and keeps existing times when ensuring', async () => {
    const schedule = newSchedule();
    const later = Date.now() + 60_000;
    await schedule.scheduleAt(700, later);
    await schedule.expedite(700, later + 5000);
    expect(await schedule.dueAt(700)).toBe(later);
    await schedule.expedite(700, later - 5000);
    expect(await schedule.dueAt(700)).toBe(later - 5000);
    await schedule.ensureScheduled([
      { chatDbId: 700, at: 1 },
      { chatDbId: 701, at: 1 },
    ]);
    expect(await schedule.dueAt(700)).toBe(later - 5000);
    expect(await schedule.dueAt(701)).toBe(1);
  });
  it('leaves a due chat with a message in flight unclaimed until the message settles', async () => {
    const schedule = newSchedule();
    await schedule.unschedule([700, 701]); // left due by the test before
    await schedule.scheduleAt(800, Date.now() - 10);
    await schedule.scheduleAt(801, Date.now() - 10);
    await schedule.markInFlight(800);
    const before = Date.now();
    expect((await schedule.claimDue(30_000, 10, 5000)).map((c) => c.chatDbId)).toEqual([801]);
    // Waiting for its message: due at the fallback time, not leased, and no turn for it.
    const waitingUntil = (await schedule.dueAt(800)) as number;
    expect(waitingUntil).toBeGreaterThanOrEqual(before + 4000);
    expect(waitingUntil).toBeLessThan(before + 30_000);
    expect(await schedule.claimDue(30_000, 10, 5000)).toEqual([]);
    // The message settles: the chat is due at once and claimed by the next claim.
    await schedule.messageSettled(800);
    expect(await schedule.dueAt(800)).toBeLessThanOrEqual(Date.now());
    expect((await schedule.claimDue(30_000, 10, 5000)).map((c) => c.chatDbId)).toEqual([800]);
    await schedule.unschedule([800, 801]);
  });
});
