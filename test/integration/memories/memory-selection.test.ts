import { DataSource } from 'typeorm';
import { BotMemory, MemoryType } from '../../../src/bots/entities/bot-memory.entity';
import { MemoryView } from '../../../src/engine/engine-types';
import { selectMemories } from '../../../src/engine/prompt-builder';
import { MemoryDecayService } from '../../../src/memories/memory-decay.service';
import { BotFactory } from '../../support/factories/chat-message.factory';
import { TestDatabase } from '../../support/test-database';

const DAY = 24 * 3600 * 1000;

/**
 * SPEC 7.11 end to end over the stored rows: the prompt picks memories by relevance (and by the
 * thread's symbols), and the daily decay on a fake clock moves a memory the bot no longer uses
 * behind one it does.
 */
describe('memory selection as decay runs (real PostgreSQL, fake clock)', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await TestDatabase.migrated('memselect');
    ds = await db.dataSource();
  });

  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('an unused memory fades behind a used one; the thread’s symbol still brings it back', async () => {
    const bot = await BotFactory.create(ds);
    const now = new Date('2030-03-01T09:00:00Z');
    const repo = ds.getRepository(BotMemory);
    const save = (content: string, relevanceScore: number, lastUsedAt: Date) =>
      repo.save({
        botId: bot.id,
        memoryType: Object.values(MemoryType)[0],
        content,
        relevanceScore,
        lastUsedAt,
      });
    const old = await save(
      'THYAO’da geçen yıl iyi kazandım',
      0.6,
      new Date(now.getTime() - 20 * DAY),
    );
    const used = await save(
      'Faiz kararlarından önce nakitte beklerim',
      0.45,
      new Date(now.getTime() - DAY),
    );
    const views = async (): Promise<MemoryView[]> =>
      (await repo.find({ where: { botId: bot.id } })).map((m) => ({
        id: m.id,
        memory_type: m.memoryType,
        content: m.content,
        relevance_score: m.relevanceScore,
      }));

    expect(selectMemories(await views(), []).map((m) => m.id)).toEqual([old.id, used.id]);
    const decay = new MemoryDecayService(ds);
    const policy = { unusedDays: 7, factor: 0.9, floor: 0.05, capPerBot: 50 };
    for (let day = 0; day < 3; day++) {
      await decay.run(new Date(now.getTime() + day * DAY), policy);
    }
    // 0.6 × 0.9³ ≈ 0.44 < 0.45: the memory in use now comes first …
    expect(selectMemories(await views(), []).map((m) => m.id)).toEqual([used.id, old.id]);
    // … unless the conversation is about the old memory's symbol.
    expect(selectMemories(await views(), ['THYAO']).map((m) => m.id)).toEqual([old.id, used.id]);
  });
});
