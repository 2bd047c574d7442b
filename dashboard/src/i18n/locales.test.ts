import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './locales/en';
import tr from './locales/tr';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) {
    return [prefix];
  }
  return Object.entries(value).flatMap(([key, child]) =>
    keysOf(child, prefix ? `${prefix}.${key}` : key),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return sourceFiles(path);
    }
    return /\.(vue|ts)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

const srcDir = join(__dirname, '..');

describe('locales', () => {
  it('Turkish and English have exactly the same keys', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(tr).sort());
  });

  it('has no empty translations', () => {
    const empty = (messages: object) =>
      keysOf(messages).filter(
        (key) =>
          String(
            key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], messages),
          ).trim() === '',
      );
    expect(empty(tr)).toEqual([]);
    expect(empty(en)).toEqual([]);
  });

  it('defines every literal key the code uses', () => {
    const known = new Set(keysOf(tr));
    const used = new Set<string>();
    // t('a.b'), notifier keys, route titles and alert keys: single-quoted dotted names under a
    // known top-level namespace. Permission names ('bots.edit') are not message keys: skipped.
    const namespaces = Object.keys(tr).join('|');
    const pattern = new RegExp(`(can\\(|permission: )?'((?:${namespaces})\\.[A-Za-z0-9_.]+)'`, 'g');
    for (const file of sourceFiles(srcDir)) {
      if (file.includes(join('i18n', 'locales')) || file.endsWith('permissions.ts')) {
        continue;
      }
      for (const match of readFileSync(file, 'utf8').matchAll(pattern)) {
        if (!match[1]) {
          used.add(match[2]!);
        }
      }
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((key) => !known.has(key))).toEqual([]);
  });

  it('translates every client-side settings description in both languages', async () => {
    const { SETTINGS_SCHEMA } = await import('@/lib/settings-schema');
    expect(Object.keys(tr.settingsRegistry).sort()).toEqual(Object.keys(SETTINGS_SCHEMA).sort());
  });
});
