import { MemoryType } from '../entities/bot-memory.entity';
import { MAX_SEED_MEMORIES, MIN_SEED_MEMORIES, seedMemories } from './memory-seeder';

describe('seedMemories', () => {
  const full = {
    name: 'Ayşe Scalper',
    persona_hint: 'Agresif trader, günlük işlem yapıyor',
    persona_profile: {
      tone: 'hızlı, enerjik',
      risk_profile: 'yüksek risk, kısa vade',
      watchlist: ['SISE', 'KCHOL', 'BTCUSDT'],
      never_do: ['uzun vade tutmam'],
      style: 'Hızlı, emoji bolluğu',
    },
    emotion_profile: { anecdotes: ['dün nasıl kazandığımı'] },
  };

  it('writes Turkish routine, preference and past-event memories from the persona', () => {
    const memories = seedMemories(full);
    expect(memories.length).toBeGreaterThanOrEqual(MIN_SEED_MEMORIES);
    expect(memories.length).toBeLessThanOrEqual(MAX_SEED_MEMORIES);
    expect(memories[0]).toEqual({
      memory_type: MemoryType.Routine,
      content: 'Piyasa açılmadan önce SISE ve KCHOL için gün içi seviyelerimi not ederim.',
      relevance_score: 0.6,
    });
    const contents = memories.map((m) => m.content);
    expect(contents).toContain('En yakından takip ettiğim semboller: SISE, KCHOL, BTCUSDT.');
    expect(contents).toContain('Sohbetlerde sık sık dün nasıl kazandığımı anlatırım.');
    expect(contents).toContain('Kesinlikle yapmadığım bir şey: uzun vade tutmam.');
    expect(new Set(memories.map((m) => m.memory_type))).toEqual(
      new Set([
        MemoryType.Routine,
        MemoryType.Preference,
        MemoryType.PastEvent,
        MemoryType.PersonalFact,
      ]),
    );
  });

  it('follows the risk profile', () => {
    const low = seedMemories({
      ...full,
      persona_profile: { ...full.persona_profile, risk_profile: 'düşük risk, uzun vade' },
    });
    expect(low[0].content).toBe(
      'Hafta sonları portföyümü gözden geçiririm; SISE pozisyonuma kolay kolay dokunmam.',
    );
    expect(low.some((m) => m.content.startsWith('2018 kur şokunda'))).toBe(true);
  });

  it('is deterministic', () => {
    expect(seedMemories(full)).toEqual(seedMemories(full));
  });

  it('fills up to four memories for an empty persona', () => {
    const memories = seedMemories({ name: 'Boş' });
    expect(memories).toHaveLength(MIN_SEED_MEMORIES);
    expect(memories.every((m) => m.content.length > 0)).toBe(true);
  });

  it('tolerates persona values of the wrong type', () => {
    const memories = seedMemories({
      name: 'Garip',
      persona_profile: {
        watchlist: 'GARAN, THYAO',
        risk_profile: 42,
        tone: ['x'],
        never_do: { a: 1 },
      },
      emotion_profile: { anecdotes: [null, 3, '  '] },
    });
    expect(memories.length).toBeGreaterThanOrEqual(MIN_SEED_MEMORIES);
    expect(memories[0].content).toBe('Sabahları kahvemi alıp ilk iş GARAN grafiğine bakarım.');
  });
});
