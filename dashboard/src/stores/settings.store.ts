import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '@/api/endpoints';
import type { SettingRow } from '@/api/types';
import { notifier } from '@/lib/notifier';

/** Every registry key's current value; `update` applies live through PATCH /settings/{key}. */
export const useSettingsStore = defineStore('settings', () => {
  const values = ref<Record<string, unknown>>({});
  const updatedAt = ref<Record<string, string | null>>({});
  const serverDescriptions = ref<Record<string, string>>({});
  const keys = ref<string[]>([]);
  const loading = ref(false);
  const saving = ref<Record<string, boolean>>({});

  function unwrap(row: SettingRow): unknown {
    // GET /settings wraps each value as {value: X}; tolerate a bare value too.
    const wrapped = row.value as unknown;
    return wrapped !== null &&
      typeof wrapped === 'object' &&
      !Array.isArray(wrapped) &&
      'value' in wrapped
      ? wrapped.value
      : wrapped;
  }

  function applyRow(row: SettingRow): void {
    values.value[row.key] = unwrap(row);
    updatedAt.value[row.key] = row.updated_at;
    if (row.description) {
      serverDescriptions.value[row.key] = row.description;
    }
  }

  async function fetchAll(): Promise<void> {
    loading.value = true;
    try {
      const rows = await api.settings.list();
      values.value = {};
      for (const row of rows) {
        applyRow(row);
      }
      keys.value = rows.map((r) => r.key).sort();
    } catch (error) {
      notifier.error(error);
    } finally {
      loading.value = false;
    }
  }

  /** Optimistic: the new value shows at once and is rolled back if the API refuses it (error rethrown for the field). */
  async function update(key: string, value: unknown): Promise<void> {
    const before = values.value[key];
    values.value[key] = value;
    saving.value[key] = true;
    try {
      const row = await api.settings.update(key, value);
      if (row && typeof row === 'object' && 'key' in row) {
        applyRow(row);
      }
      notifier.success('settings.applied', { key });
    } catch (error) {
      values.value[key] = before;
      throw error;
    } finally {
      saving.value[key] = false;
    }
  }

  /** A `settings_updated` live event (another admin, or a control action). */
  function applyRemote(key: string, value: unknown): void {
    if (!saving.value[key]) {
      values.value[key] = value;
      updatedAt.value[key] = new Date().toISOString();
    }
  }

  return {
    values,
    updatedAt,
    serverDescriptions,
    keys,
    loading,
    saving,
    fetchAll,
    update,
    applyRemote,
  };
});
