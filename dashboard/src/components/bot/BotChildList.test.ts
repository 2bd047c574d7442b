// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { Memory } from '@/api/types';
import { mockApi } from '@/test/mock-api';
import { mountWithApp } from '@/test/mount';
import BotChildList from './BotChildList.vue';
import { holdingList, memoryList } from './child-lists';

const memory: Memory = {
  id: 4,
  bot_id: 2,
  memory_type: 'routine',
  content: 'Sabah kahvesiyle piyasaya bakar.',
  relevance_score: 0.5,
  usage_count: 3,
  last_used_at: null,
  created_at: '2026-01-01T00:00:00Z',
};

describe('BotChildList', () => {
  it('lists a bot’s rows and patches the one being edited', async () => {
    const api = mockApi({
      'GET /bots/{id}/memories': () => [memory],
      'PATCH /bots/memories/{id}': ({ path: { id }, body }) => ({ ...memory, id, ...body }),
    });
    const { wrapper } = mountWithApp(BotChildList, {
      role: 'operator',
      mount: { props: { botId: 2, list: memoryList } },
    });
    await flushPromises();
    expect(wrapper.text()).toContain('Sabah kahvesiyle piyasaya bakar.');
    expect(wrapper.text()).toContain('Alışkanlık');
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Düzenle')!
      .trigger('click');
    await wrapper.find('textarea').setValue('Akşamları grafik çizer.');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(api.calls.find((c) => c.route.startsWith('PATCH'))).toEqual({
      route: 'PATCH /bots/memories/4',
      body: { memory_type: 'routine', content: 'Akşamları grafik çizer.', relevance_score: 0.5 },
    });
  });

  it('upserts a holding with only the fields given, and shows no form to a viewer', async () => {
    const api = mockApi({
      'GET /bots/{id}/holdings': () => [],
      'POST /bots/{id}/holdings': ({ path: { id }, body }) => ({
        id: 1,
        bot_id: id,
        symbol: body!.symbol,
        avg_price: null,
        size: null,
        note: null,
        updated_at: '2026-01-01T00:00:00Z',
      }),
    });
    const { wrapper } = mountWithApp(BotChildList, {
      role: 'operator',
      mount: { props: { botId: 2, list: holdingList } },
    });
    await flushPromises();
    await wrapper.find('input').setValue('thyao');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(api.calls.find((c) => c.route.startsWith('POST'))?.body).toEqual({ symbol: 'THYAO' });

    const viewer = mountWithApp(BotChildList, {
      role: 'viewer',
      mount: { props: { botId: 2, list: holdingList } },
    });
    await flushPromises();
    expect(viewer.wrapper.find('form').exists()).toBe(false);
  });
});
