import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '@/api/endpoints';
import type {
  ApiKey,
  ApiKeyCreate,
  ApiKeyCreated,
  ApiUser,
  ApiUserCreate,
  ApiUserPatch,
} from '@/api/types';
import { notifier } from '@/lib/notifier';

/** Users and API keys (admin screens). */
export const useUsersStore = defineStore('users', () => {
  const users = ref<ApiUser[]>([]);
  const keys = ref<ApiKey[]>([]);
  const loading = ref(false);

  async function fetchAll(): Promise<void> {
    loading.value = true;
    try {
      [users.value, keys.value] = await Promise.all([api.users.list(), api.auth.listApiKeys()]);
    } catch (error) {
      notifier.error(error);
    } finally {
      loading.value = false;
    }
  }

  async function createUser(body: ApiUserCreate): Promise<void> {
    const user = await api.users.create(body);
    users.value.push(user);
    notifier.success('users.created');
  }

  async function updateUser(id: number, body: ApiUserPatch): Promise<void> {
    const index = users.value.findIndex((u) => u.id === id);
    const before = users.value[index];
    if (before) {
      users.value.splice(index, 1, {
        ...before,
        ...(body.role ? { role: body.role } : {}),
        ...(body.is_active === undefined ? {} : { is_active: body.is_active }),
      });
    }
    try {
      const updated = await api.users.update(id, body);
      if (updated && index !== -1) {
        users.value.splice(index, 1, updated);
      }
      notifier.success('users.saved');
    } catch (error) {
      if (before) {
        users.value.splice(index, 1, before);
      }
      notifier.error(error);
    }
  }

  async function removeUser(id: number): Promise<void> {
    try {
      await api.users.remove(id);
      users.value = users.value.filter((u) => u.id !== id);
      notifier.success('users.deleted');
    } catch (error) {
      notifier.error(error);
    }
  }

  async function resetMfa(id: number): Promise<void> {
    try {
      await api.users.resetMfa(id);
      users.value = users.value.map((u) => (u.id === id ? { ...u, mfa_enabled: false } : u));
      notifier.success('users.mfaReset');
    } catch (error) {
      notifier.error(error);
    }
  }

  /** Returns the created key with its raw value, which the caller shows once and forgets. */
  async function createKey(body: ApiKeyCreate): Promise<ApiKeyCreated> {
    const created = await api.auth.createApiKey(body);
    const { key: _raw, ...stored } = created;
    keys.value.push(stored);
    return created;
  }

  async function revokeKey(id: number): Promise<void> {
    try {
      await api.auth.revokeApiKey(id);
      keys.value = keys.value.map((k) =>
        k.id === id ? { ...k, revoked_at: new Date().toISOString() } : k,
      );
      notifier.success('apiKeys.revoked');
    } catch (error) {
      notifier.error(error);
    }
  }

  return {
    users,
    keys,
    loading,
    fetchAll,
    createUser,
    updateUser,
    removeUser,
    resetMfa,
    createKey,
    revokeKey,
  };
});
