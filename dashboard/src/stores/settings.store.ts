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

  function applyRow(row: SettingRow): void {
    // Each value is wrapped as {value: X} (SPEC 4).
    values.value[row.key] = row.value.value;
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
      applyRow(await api.settings.update(key, value));
      notifier.success('settings.applied', { key });
    } catch (error) {
      values.value[key] = before;
      throw error;
    } finally {
      saving.value[key] = false;
    }
  }

  /**
   * A `settings_updated` live event (another admin, or a control action) names keys, not
   * values: a loaded list is read again, unless one of our own writes is still in flight.
   */
  async function reloadIfLoaded(): Promise<void> {
    if (keys.value.length > 0 && !Object.values(saving.value).some(Boolean)) {
      await fetchAll();
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
    reloadIfLoaded,
  };
});
