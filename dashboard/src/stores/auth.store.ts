import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { isApiError } from '@/api/api-error';
import { api } from '@/api/endpoints';
import type { CurrentUser, LoginRequest, Role } from '@/api/types';

/** The signed-in user (from GET /auth/me) and the login/logout flow. */
export const useAuthStore = defineStore('auth', () => {
  const user = ref<CurrentUser | null>(null);
  /** True once we asked the API who we are (so the router can wait for it once). */
  const checked = ref(false);

  const role = computed<Role | null>(() => user.value?.role ?? null);
  const isAuthenticated = computed(() => user.value !== null);

  async function fetchMe(): Promise<CurrentUser | null> {
    try {
      user.value = await api.auth.me();
    } catch (error) {
      if (!isApiError(error) || (error.status !== 401 && error.status !== 403)) {
        throw error;
      }
      user.value = null;
    } finally {
      checked.value = true;
    }
    return user.value;
  }

  async function ensureChecked(): Promise<void> {
    if (!checked.value) {
      await fetchMe().catch(() => undefined);
    }
  }

  async function login(request: LoginRequest): Promise<CurrentUser | null> {
    await api.auth.login(request);
    return fetchMe();
  }

  async function logout(): Promise<void> {
    try {
      await api.auth.logout();
    } finally {
      user.value = null;
    }
  }

  /** Called when any request answers 401: the session is gone. */
  function sessionExpired(): void {
    user.value = null;
  }

  function markMfaEnabled(): void {
    if (user.value) {
      user.value = { ...user.value, mfa_enabled: true };
    }
  }

  return {
    user,
    checked,
    role,
    isAuthenticated,
    fetchMe,
    ensureChecked,
    login,
    logout,
    sessionExpired,
    markMfaEnabled,
  };
});

/** True when a failed login needs a TOTP code (the API's error code or a field error on `totp`). */
export function loginNeedsTotp(error: unknown): boolean {
  if (!isApiError(error)) {
    return false;
  }
  return /mfa|totp/i.test(error.code) || error.fields.some((f) => f.field === 'totp');
}
