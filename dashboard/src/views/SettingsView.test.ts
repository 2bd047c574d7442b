// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { SettingFactory } from '@/test/factories';
import { mockApi } from '@/test/mock-api';
import { mountWithApp } from '@/test/mount';
import SettingsView from './SettingsView.vue';

const rows = [
  SettingFactory.row('bot_hourly_msg_limit', { min: 6, max: 12 }),
  SettingFactory.row('scale_factor', 1),
];

describe('SettingsView', () => {
  it('shows object values and applies an edited range live', async () => {
    const api = mockApi({
      'GET /settings': () => rows,
      'PATCH /settings/{key}': ({ path: { key }, body }) =>
        SettingFactory.row(key, body!.value, { updated_at: 'now' }),
    });
    const { wrapper } = mountWithApp(SettingsView, { role: 'admin' });
    await flushPromises();
    const card = wrapper.get('[data-testid="setting-bot_hourly_msg_limit"]');
    const inputs = card.findAll('input');
    expect(inputs.map((i) => i.element.value)).toEqual(['6', '12']);
    await inputs[1]!.setValue('20');
    await inputs[1]!.trigger('blur');
    const apply = card.findAll('button').find((b) => b.text() === 'Uygula');
    await apply!.trigger('click');
    await flushPromises();
    expect(api.calls.at(-1)).toEqual({
      route: 'PATCH /settings/bot_hourly_msg_limit',
      body: { value: { min: 6, max: 20 } },
    });
  });

  it('refuses a value outside the registry bounds without calling the API', async () => {
    const api = mockApi({ 'GET /settings': () => rows });
    const { wrapper } = mountWithApp(SettingsView, { role: 'admin' });
    await flushPromises();
    const card = wrapper.get('[data-testid="setting-bot_hourly_msg_limit"]');
    const inputs = card.findAll('input');
    await inputs[0]!.setValue('30');
    await inputs[0]!.trigger('blur');
    await card
      .findAll('button')
      .find((b) => b.text() === 'Uygula')!
      .trigger('click');
    await flushPromises();
    expect(card.get('[role="alert"]').text()).toBe('En az değeri en çok değerinden büyük olamaz.');
    expect(api.calls.map((c) => c.route)).toEqual(['GET /settings']);
  });

  it('is read-only for an operator', async () => {
    mockApi({ 'GET /settings': () => rows });
    const { wrapper } = mountWithApp(SettingsView, { role: 'operator' });
    await flushPromises();
    expect(wrapper.findAll('button').some((b) => b.text() === 'Uygula')).toBe(false);
    expect(wrapper.text()).toContain('Ayarları yalnızca yöneticiler değiştirebilir.');
  });
});
