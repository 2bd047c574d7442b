// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { BotFactory } from '@/test/factories';
import { mockApi } from '@/test/mock-api';
import { mountWithApp } from '@/test/mount';
import BotsView from './BotsView.vue';

const bots = [
  BotFactory.create({ id: 1, name: 'Ayşe' }),
  BotFactory.create({ id: 2, name: 'Mehmet', status: 'error', last_error: 'kicked' }),
];

function buttonTexts(wrapper: ReturnType<typeof mountWithApp>['wrapper']): string[] {
  return wrapper.findAll('button').map((b) => b.text());
}

describe('BotsView', () => {
  it('hides the write controls from a viewer', async () => {
    mockApi({ 'GET /bots': () => BotFactory.page(bots) });
    const { wrapper } = mountWithApp(BotsView, { role: 'viewer' });
    await flushPromises();
    expect(wrapper.text()).toContain('Ayşe');
    expect(buttonTexts(wrapper)).not.toContain('Yeni bot');
    expect(buttonTexts(wrapper).some((t) => t.startsWith('Seçilenleri'))).toBe(false);
    expect(buttonTexts(wrapper)).not.toContain('Sil');
  });

  it('gives an operator create and bulk actions but keeps delete for admins', async () => {
    mockApi({ 'GET /bots': () => BotFactory.page(bots) });
    const { wrapper } = mountWithApp(BotsView, { role: 'operator' });
    await flushPromises();
    expect(buttonTexts(wrapper)).toContain('Yeni bot');
    expect(buttonTexts(wrapper)).toContain('Seçilenleri etkinleştir (0)');
    expect(buttonTexts(wrapper)).not.toContain('Sil');
  });

  it('shows delete to an admin', async () => {
    mockApi({ 'GET /bots': () => BotFactory.page(bots) });
    const { wrapper } = mountWithApp(BotsView, { role: 'admin' });
    await flushPromises();
    expect(buttonTexts(wrapper).filter((t) => t === 'Sil')).toHaveLength(2);
  });
});
