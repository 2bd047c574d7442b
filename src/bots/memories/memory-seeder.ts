import { MemoryType } from '../entities/bot-memory.entity';

export interface MemorySeedSource {
  name: string;
  persona_hint?: string | null;
  persona_profile?: Record<string, unknown> | null;
  emotion_profile?: Record<string, unknown> | null;
}

export interface SeedMemory {
  memory_type: MemoryType;
  content: string;
  relevance_score: number;
}

export const MIN_SEED_MEMORIES = 4;
export const MAX_SEED_MEMORIES = 8;
const FRAGMENT_MAX = 200;

/** A trimmed, bounded string, or null: personas come in many shapes and none may break seeding. */
function text(value: unknown): string | null {
  if (typeof value !== 'string') {
    return null;
  }
  const trimmed = value.trim().replace(/\s+/g, ' ');
  return trimmed.length > 0 ? trimmed.slice(0, FRAGMENT_MAX) : null;
}

function list(value: unknown, max = 4): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return items
    .map(text)
    .filter((v): v is string => v !== null)
    .slice(0, max);
}

type Risk = 'high' | 'low' | 'medium';

function riskOf(riskProfile: string | null): Risk {
  const r = (riskProfile ?? '').toLocaleLowerCase('tr');
  if (/yüksek|agresif|kısa vade|high|kaldıraç/.test(r)) {
    return 'high';
  }
  if (/düşük|temkin|muhafazakar|uzun vade|low|temettü/.test(r)) {
    return 'low';
  }
  return 'medium';
}

const FILLERS: SeedMemory[] = [
  {
    memory_type: MemoryType.Routine,
    content: 'Gün sonunda kapanış fiyatlarını not alır, ertesi güne plan yaparım.',
    relevance_score: 0.4,
  },
  {
    memory_type: MemoryType.Preference,
    content: 'Söylentiden çok rakama, veriye dayalı konuşmaya güvenirim.',
    relevance_score: 0.4,
  },
  {
    memory_type: MemoryType.PastEvent,
    content: 'İlk yatırımımı küçük bir tutarla yapmıştım, piyasayı öyle öğrendim.',
    relevance_score: 0.4,
  },
  {
    memory_type: MemoryType.Routine,
    content: 'TCMB faiz kararı ve enflasyon verisi günlerini takvimime işlerim.',
    relevance_score: 0.4,
  },
];

/**
 * First memories of a new bot, written from its persona with Turkish templates (SPEC 7.11):
 * routines, preferences and past events drawn from the watchlist, risk profile, tone, anecdotes
 * and hint. Deterministic — the same persona always seeds the same memories — and always 4 to 8.
 */
export function seedMemories(source: MemorySeedSource): SeedMemory[] {
  const persona = source.persona_profile ?? {};
  const emotion = source.emotion_profile ?? {};
  const watchlist = list(persona.watchlist);
  const [first, second] = watchlist;
  const risk = riskOf(text(persona.risk_profile));
  const tone = text(persona.tone) ?? text(emotion.tone);
  const neverDo = list(persona.never_do, 1)[0];
  const anecdote = list(emotion.anecdotes, 1)[0];
  const hint = text(source.persona_hint);
  const out: SeedMemory[] = [];
  const add = (memory_type: MemoryType, content: string, relevance_score: number): void => {
    out.push({ memory_type, content, relevance_score });
  };

  if (first) {
    if (risk === 'high') {
      add(
        MemoryType.Routine,
        `Piyasa açılmadan önce ${first}${second ? ` ve ${second}` : ''} için gün içi seviyelerimi not ederim.`,
        0.6,
      );
    } else if (risk === 'low') {
      add(
        MemoryType.Routine,
        `Hafta sonları portföyümü gözden geçiririm; ${first} pozisyonuma kolay kolay dokunmam.`,
        0.6,
      );
    } else {
      add(MemoryType.Routine, `Sabahları kahvemi alıp ilk iş ${first} grafiğine bakarım.`, 0.6);
    }
    add(
      MemoryType.Preference,
      `En yakından takip ettiğim semboller: ${watchlist.join(', ')}.`,
      0.7,
    );
  }
  switch (risk) {
    case 'high':
      add(
        MemoryType.PastEvent,
        'Bir keresinde stop koymadığım kaldıraçlı bir işlemde ciddi zarar ettim; o günden beri stopsuz işlem açmam.',
        0.6,
      );
      break;
    case 'low':
      add(
        MemoryType.PastEvent,
        '2018 kur şokunda panik satış yapmadım, sabırla bekledim ve kayıplarım zamanla kapandı.',
        0.6,
      );
      break;
    case 'medium':
      add(
        MemoryType.PastEvent,
        `Geçen yıl ${first ?? 'endeks'} sert düştüğünde kademeli alım yapıp maliyetimi düşürdüm.`,
        0.5,
      );
      break;
  }
  if (tone) {
    add(MemoryType.Preference, `Sohbette ${tone} bir üslubu severim.`, 0.5);
  }
  if (anecdote) {
    add(MemoryType.PastEvent, `Sohbetlerde sık sık ${anecdote} anlatırım.`, 0.5);
  }
  if (hint) {
    add(MemoryType.PersonalFact, `Kendimi şöyle tanımlarım: ${hint}.`, 0.6);
  }
  if (neverDo) {
    add(MemoryType.Preference, `Kesinlikle yapmadığım bir şey: ${neverDo}.`, 0.6);
  }
  for (const filler of FILLERS) {
    if (out.length >= MIN_SEED_MEMORIES) {
      break;
    }
    out.push({ ...filler });
  }
  return out.slice(0, MAX_SEED_MEMORIES);
}
