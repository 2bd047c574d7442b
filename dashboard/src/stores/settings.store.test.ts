import { createTestingPinia } from '@pinia/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/api-error';
import { SettingFactory } from '@/test/factories';
import { mockApi } from '@/test/mock-api';
import { useSettingsStore } from './settings.store';

const rows = [
  SettingFactory.row('scale_factor', 1),
  SettingFactory.row('simulation_active', false, { updated_at: '2026-01-01T00:00:00Z' }),
];

describe('settings store', () => {
  beforeEach(() => {
    createTestingPinia({ createSpy: vi.fn, stubActions: false });
  });

  it('unwraps {value: X} rows', async () => {
    mockApi({ 'GET /settings': () => rows });
    const store = useSettingsStore();
    await store.fetchAll();
    expect(store.values).toEqual({ scale_factor: 1, simulation_active: false });
    expect(store.keys).toEqual(['scale_factor', 'simulation_active']);
  });

  it('applies a change at once and keeps the server row', async () => {
    const api = mockApi({
      'GET /settings': () => rows,
      'PATCH /settings/{key}': ({ path: { key }, body }) =>
        SettingFactory.row(key, body!.value, { updated_at: 'now' }),
    });
    const store = useSettingsStore();
    await store.fetchAll();
    await store.update('scale_factor', 2.5);
    expect(store.values.scale_factor).toBe(2.5);
    expect(store.updatedAt.scale_factor).toBe('now');
    expect(api.calls.at(-1)).toEqual({
      route: 'PATCH /settings/scale_factor',
      body: { value: 2.5 },
    });
  });

  it('rolls back a refused value and rethrows the field error for the form', async () => {
    mockApi({
      'GET /settings': () => rows,
      'PATCH /settings/{key}': () => {
        throw new ApiError({
          status: 400,
          code: 'validation_failed',
          message: 'bad',
          fields: [{ field: 'value', reason: 'must be between 0.1 and 10' }],
        });
      },
    });
    const store = useSettingsStore();
    await store.fetchAll();
    const error = await store.update('scale_factor', 50).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).fieldErrors).toEqual({ value: 'must be between 0.1 and 10' });
    expect(store.values.scale_factor).toBe(1);
  });
});
