import { seedMemories } from '../bots/memories/memory-seeder';
import { findJsonLimitViolation } from '../common/validation/json-limits.util';
import { timeRanges } from '../settings/setting-parsers';
import { buildDemoPersonas } from './demo-personas';

const fixed = (): number => 0.5;

describe('buildDemoPersonas', () => {
  it('builds varied personas with unique names', () => {
    const personas = buildDemoPersonas(50, new Set(), fixed);
    expect(personas).toHaveLength(50);
    expect(new Set(personas.map((p) => p.name)).size).toBe(50);
    expect(
      new Set(personas.map((p) => p.persona_profile.risk_profile)).size,
    ).toBeGreaterThanOrEqual(6);
    expect(personas[0].name).toBe('Ahmet Temettücü');
  });

  it('never reuses a taken name', () => {
    const first = buildDemoPersonas(5, new Set(), fixed);
    const taken = new Set(first.map((p) => p.name.toLocaleLowerCase('tr')));
    const next = buildDemoPersonas(5, taken, fixed);
    expect(next.some((p) => taken.has(p.name.toLocaleLowerCase('tr')))).toBe(false);
  });

  it('keeps going with numbered names once every combination is taken', () => {
    expect(new Set(buildDemoPersonas(230, new Set(), fixed).map((p) => p.name)).size).toBe(230);
  });

  it('produces values every validator accepts', () => {
    for (const p of buildDemoPersonas(10, new Set(), Math.random)) {
      expect(findJsonLimitViolation(p.persona_profile)).toBeNull();
      expect(findJsonLimitViolation(p.emotion_profile)).toBeNull();
      expect(timeRanges(p.active_hours)).toEqual(p.active_hours);
      expect(p.stances.every((s) => (s.confidence ?? 0) > 0 && (s.confidence ?? 2) <= 1)).toBe(
        true,
      );
      expect(seedMemories(p).length).toBeGreaterThanOrEqual(4);
    }
  });
});
