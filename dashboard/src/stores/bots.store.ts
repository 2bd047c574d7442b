import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api } from '@/api/endpoints';
import type { Bot, BotCreate, BotPatch, BotStatus, BotVerifyResult } from '@/api/types';
import { notifier } from '@/lib/notifier';

/** Bots list and the writes on it: optimistic where the outcome is obvious, rolled back on error. */
export const useBotsStore = defineStore('bots', () => {
  const items = ref<Bot[]>([]);
  const loading = ref(false);
  const loaded = ref(false);

  const byId = computed(() => new Map(items.value.map((b) => [b.id, b])));
  const inError = computed(() => items.value.filter((b) => b.status === 'error'));

  function replace(bot: Bot): void {
    const index = items.value.findIndex((b) => b.id === bot.id);
    if (index === -1) {
      items.value.push(bot);
    } else {
      items.value.splice(index, 1, bot);
    }
  }

  async function fetchAll(): Promise<void> {
    loading.value = true;
    try {
      items.value = await api.bots.list();
      loaded.value = true;
    } catch (error) {
      notifier.error(error);
    } finally {
      loading.value = false;
    }
  }

  async function fetchOne(id: number): Promise<Bot> {
    const bot = await api.bots.get(id);
    replace(bot);
    return bot;
  }

  /** Errors are rethrown so the form can show field errors. */
  async function create(body: BotCreate): Promise<Bot> {
    const bot = await api.bots.create(body);
    replace(bot);
    notifier.success('bots.saved');
    return bot;
  }

  async function update(id: number, body: BotPatch): Promise<Bot> {
    const bot = await api.bots.update(id, body);
    replace(bot);
    notifier.success('bots.saved');
    return bot;
  }

  /**
   * Enables or disables several bots at once. The list changes immediately; bots whose request
   * fails are put back as they were, and one notice reports the outcome.
   */
  async function setEnabled(
    ids: readonly number[],
    enabled: boolean,
  ): Promise<{ failed: number[] }> {
    const previous = new Map<number, boolean>();
    for (const id of ids) {
      const bot = byId.value.get(id);
      if (bot) {
        previous.set(id, bot.is_enabled);
        replace({ ...bot, is_enabled: enabled });
      }
    }
    const results = await Promise.allSettled(
      ids.map((id) => api.bots.update(id, { is_enabled: enabled })),
    );
    const failed: number[] = [];
    let firstError: unknown = null;
    results.forEach((result, i) => {
      const id = ids[i]!;
      if (result.status === 'fulfilled') {
        replace(result.value);
        return;
      }
      failed.push(id);
      firstError ??= result.reason;
      const bot = byId.value.get(id);
      if (bot && previous.has(id)) {
        replace({ ...bot, is_enabled: previous.get(id)! });
      }
    });
    if (failed.length > 0) {
      notifier.error(firstError);
    } else {
      notifier.success(enabled ? 'bots.enabledCount' : 'bots.disabledCount', { count: ids.length });
    }
    return { failed };
  }

  async function remove(id: number): Promise<void> {
    const index = items.value.findIndex((b) => b.id === id);
    const removed = items.value[index];
    if (removed) {
      items.value.splice(index, 1);
    }
    try {
      await api.bots.remove(id);
      notifier.success('bots.deleted');
    } catch (error) {
      if (removed) {
        items.value.splice(index, 0, removed);
      }
      notifier.error(error);
      throw error;
    }
  }

  /** Asks Telegram who the token belongs to; the outcome is reported, the bot row refreshed. */
  async function verify(id: number): Promise<BotVerifyResult | null> {
    try {
      const result = await api.bots.verify(id);
      replace(result.bot);
      notifier.success('bots.verified', { username: result.telegram.username });
      return result;
    } catch (error) {
      notifier.error(error);
      await fetchOne(id).catch(() => undefined);
      return null;
    }
  }

  /** A `bot_status` live event. */
  function applyStatus(id: number, status: BotStatus, lastError: string | null): void {
    const bot = byId.value.get(id);
    if (bot) {
      replace({
        ...bot,
        status,
        last_error: lastError,
        last_error_at: lastError ? new Date().toISOString() : bot.last_error_at,
      });
    }
  }

  return {
    items,
    loading,
    loaded,
    byId,
    inError,
    fetchAll,
    fetchOne,
    create,
    update,
    setEnabled,
    remove,
    verify,
    applyStatus,
  };
});
