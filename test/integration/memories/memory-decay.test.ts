import { DataSource } from 'typeorm';
import { BotMemory, MemoryType } from '../../../src/bots/entities/bot-memory.entity';
import { MemoryDecayService } from '../../../src/memories/memory-decay.service';
import { BotFactory } from '../../support/factories/chat-message.factory';
import { TestDatabase } from '../../support/test-database';

const DAY = 24 * 3600 * 1000;

describe('memory decay on a fake clock (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let decay: MemoryDecayService;

  beforeAll(async () => {
    db = await TestDatabase.migrated('memdecay');
    ds = await db.dataSource();
    decay = new MemoryDecayService(ds);
  });

  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  const memory = (botId: number, relevanceScore: number, lastUsedAt: Date | null) =>
    ds.getRepository(BotMemory).save({
      botId,
      memoryType: Object.values(MemoryType)[0],
      content: `anı ${relevanceScore}`,
      relevanceScore,
      lastUsedAt,
    });
  const score = async (id: number) =>
    (await ds.getRepository(BotMemory).findOneByOrFail({ id })).relevanceScore;

  it('fades memories unused for N days down to the floor, keeps recently used ones', async () => {
    const bot = await BotFactory.create(ds);
    const now = new Date('2030-01-20T12:00:00Z');
    const stale = await memory(bot.id, 0.8, new Date(now.getTime() - 10 * DAY));
    const fresh = await memory(bot.id, 0.8, new Date(now.getTime() - 2 * DAY));
    const low = await memory(bot.id, 0.06, new Date(now.getTime() - 30 * DAY));
    const policy = { unusedDays: 7, factor: 0.5, floor: 0.05, capPerBot: 50 };

    await decay.run(now, policy);
    expect(await score(stale.id)).toBeCloseTo(0.4, 5);
    expect(await score(fresh.id)).toBeCloseTo(0.8, 5);
    expect(await score(low.id)).toBeCloseTo(0.05, 5);

    // A day later on the fake clock: the same rule again; the floor holds.
    await decay.run(new Date(now.getTime() + DAY), policy);
    expect(await score(stale.id)).toBeCloseTo(0.2, 5);
    expect(await score(low.id)).toBeCloseTo(0.05, 5);
    // Six days later the fresh one is unused for eight days and starts fading too.
    await decay.run(new Date(now.getTime() + 6 * DAY), policy);
    expect(await score(fresh.id)).toBeCloseTo(0.4, 5);
  });

  it('keeps at most the cap per bot, dropping the least relevant', async () => {
    const bot = await BotFactory.create(ds);
    const other = await BotFactory.create(ds);
    const now = new Date();
    for (let i = 1; i <= 6; i++) {
      await memory(bot.id, i / 10, now);
    }
    await memory(other.id, 0.1, now);
    const result = await decay.run(now, { unusedDays: 7, factor: 0.9, floor: 0.05, capPerBot: 4 });
    expect(result).toMatchObject({ status: 'done', deleted: 2 });
    const kept = (await ds.getRepository(BotMemory).findBy({ botId: bot.id }))
      .map((m) => m.relevanceScore)
      .sort();
    expect(kept.map((s) => Number(s.toFixed(2)))).toEqual([0.3, 0.4, 0.5, 0.6]);
    expect(await ds.getRepository(BotMemory).countBy({ botId: other.id })).toBe(1);
  });
});
