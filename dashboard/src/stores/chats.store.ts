import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api } from '@/api/endpoints';
import type { Chat, ChatCreate, ChatMembership } from '@/api/types';
import { notifier } from '@/lib/notifier';

export const useChatsStore = defineStore('chats', () => {
  const items = ref<Chat[]>([]);
  const loading = ref(false);
  const loaded = ref(false);
  const byId = computed(() => new Map(items.value.map((c) => [c.id, c])));
  /** Member bot ids per chat id; null = no member rows, so every enabled bot takes part. */
  const members = ref<Record<number, number[] | null>>({});

  function memberIds(membership: ChatMembership): number[] | null {
    return membership.mode === 'all_enabled_bots' ? null : membership.items.map((m) => m.bot_id);
  }

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

  async function save(id: number | null, body: ChatCreate): Promise<Chat> {
    const chat = id === null ? await api.chats.create(body) : await api.chats.update(id, body);
    replace(chat);
    notifier.success('chats.saved');
    return chat;
  }

  /** Loads the membership of the given chats (all loaded chats by default). */
  async function fetchMembers(ids: number[] = items.value.map((c) => c.id)): Promise<void> {
    try {
      const answers = await Promise.all(ids.map((id) => api.chats.members(id)));
      ids.forEach((id, i) => (members.value[id] = memberIds(answers[i]!)));
    } catch (error) {
      notifier.error(error);
    }
  }

  async function setBots(id: number, botIds: number[]): Promise<void> {
    const before = members.value[id];
    members.value[id] = botIds.length > 0 ? botIds : null;
    try {
      members.value[id] = memberIds(await api.chats.setMembers(id, botIds));
      notifier.success('chats.saved');
    } catch (error) {
      members.value[id] = before ?? null;
      notifier.error(error);
      throw error;
    }
  }

  async function remove(id: number): Promise<void> {
    await api.chats.remove(id);
    items.value = items.value.filter((c) => c.id !== id);
    notifier.success('chats.deleted');
  }

  return { items, loading, loaded, byId, members, fetchAll, fetchMembers, save, setBots, remove };
});
