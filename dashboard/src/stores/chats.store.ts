import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api } from '@/api/endpoints';
import type { Chat, ChatWrite } from '@/api/types';
import { notifier } from '@/lib/notifier';

export const useChatsStore = defineStore('chats', () => {
  const items = ref<Chat[]>([]);
  const loading = ref(false);
  const loaded = ref(false);
  const byId = computed(() => new Map(items.value.map((c) => [c.id, c])));

  function replace(chat: Chat): void {
    const index = items.value.findIndex((c) => c.id === chat.id);
    if (index === -1) {
      items.value.push(chat);
    } else {
      items.value.splice(index, 1, chat);
    }
  }

  async function fetchAll(): Promise<void> {
    loading.value = true;
    try {
      items.value = await api.chats.list();
      loaded.value = true;
    } catch (error) {
      notifier.error(error);
    } finally {
      loading.value = false;
    }
  }

  async function save(id: number | null, body: ChatWrite): Promise<Chat> {
    const chat = id === null ? await api.chats.create(body) : await api.chats.update(id, body);
    replace(chat);
    notifier.success('chats.saved');
    return chat;
  }

  async function setBots(id: number, botIds: number[]): Promise<void> {
    const chat = byId.value.get(id);
    const before = chat?.bot_ids;
    if (chat) {
      replace({ ...chat, bot_ids: botIds });
    }
    try {
      const updated = await api.chats.setBots(id, botIds);
      if (updated && typeof updated === 'object' && 'id' in updated) {
        replace({ ...updated, bot_ids: updated.bot_ids ?? botIds });
      }
      notifier.success('chats.saved');
    } catch (error) {
      if (chat) {
        replace({ ...chat, bot_ids: before });
      }
      notifier.error(error);
      throw error;
    }
  }

  async function remove(id: number): Promise<void> {
    await api.chats.remove(id);
    items.value = items.value.filter((c) => c.id !== id);
    notifier.success('chats.deleted');
  }

  return { items, loading, loaded, byId, fetchAll, save, setBots, remove };
});
