import { createTestingPinia } from '@pinia/testing';
import { mount, type ComponentMountingOptions } from '@vue/test-utils';
import { vi } from 'vitest';
import type { Component } from 'vue';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import type { Role } from '@/api/types';
import { i18n } from '@/i18n/i18n';
import { useAuthStore } from '@/stores/auth.store';
import { UserFactory } from './factories';

const Empty = { template: '<div />' };

/** A router with the app's route names and empty screens, for components that link or navigate. */
export function testRouter(): Router {
  return createRouter({
    history: createMemoryHistory(),
    routes: ['overview', 'login', 'mfa', 'bots', 'bot-new', 'bot-edit', 'chats', 'settings'].map(
      (name) => ({
        name,
        path: name === 'overview' ? '/' : name === 'bot-edit' ? '/bots/:id' : `/${name}`,
        component: Empty,
      }),
    ),
  });
}

/**
 * Mounts a component the way the app runs it: real Pinia stores (actions not stubbed), the real
 * i18n (Turkish) and a memory router; `role` signs a user in.
 */
export function mountWithApp<C extends Component>(
  component: C,
  options: { role?: Role | null; router?: Router; mount?: ComponentMountingOptions<C> } = {},
) {
  const pinia = createTestingPinia({ createSpy: vi.fn, stubActions: false });
  const router = options.router ?? testRouter();
  i18n.global.locale.value = 'tr';
  if (options.role) {
    useAuthStore(pinia).user = UserFactory.me({ username: 'tester', role: options.role });
  }
  const wrapper = mount(component, {
    ...options.mount,
    global: { plugins: [pinia, i18n, router], ...(options.mount?.global ?? {}) },
  });
  return { wrapper, router, pinia };
}
