import { describe, expect, it } from 'vitest';
import { BotFactory } from '@/test/factories';
import { filterBots } from './bot-filter';

const bots = [
  BotFactory.create({ id: 1, name: 'İlker Yatırım', status: 'active' }),
  BotFactory.create({
    id: 2,
    name: 'Ayşe',
    username: 'kripto_ayse',
    is_enabled: false,
    status: 'paused',
  }),
  BotFactory.create({ id: 3, name: 'Mehmet', status: 'error' }),
];

describe('filterBots', () => {
  it('searches names and usernames with Turkish case rules', () => {
    expect(
      filterBots(bots, { search: 'ilker', status: null, enabled: null }).map((b) => b.id),
    ).toEqual([1]);
    expect(
      filterBots(bots, { search: 'KRİPTO', status: null, enabled: null }).map((b) => b.id),
    ).toEqual([2]);
  });

  it('combines status and enabled filters', () => {
    expect(
      filterBots(bots, { search: '', status: 'error', enabled: null }).map((b) => b.id),
    ).toEqual([3]);
    expect(filterBots(bots, { search: '', status: null, enabled: false }).map((b) => b.id)).toEqual(
      [2],
    );
  });
});
