import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import { roleCan, type Permission } from '@/lib/permissions';
import { useAuthStore } from '@/stores/auth.store';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session (login). */
    public?: boolean;
    /** Needed to open the screen; the menu hides what the role cannot open. */
    permission?: Permission;
    /** i18n key of the page title. */
    title?: string;
  }
}

// Every screen is its own chunk: the first load carries only the shell and the login form.
export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/LoginView.vue'),
    meta: { public: true, title: 'login.title' },
  },
  {
    path: '/mfa',
    name: 'mfa',
    component: () => import('@/views/MfaView.vue'),
    meta: { title: 'mfa.title' },
  },
  {
    path: '/',
    name: 'overview',
    component: () => import('@/views/OverviewView.vue'),
    meta: { permission: 'overview.view', title: 'nav.overview' },
  },
  {
    path: '/feed',
    name: 'feed',
    component: () => import('@/views/FeedView.vue'),
    meta: { permission: 'feed.view', title: 'nav.feed' },
  },
  {
    path: '/bots',
    name: 'bots',
    component: () => import('@/views/BotsView.vue'),
    meta: { permission: 'bots.view', title: 'nav.bots' },
  },
  {
    path: '/bots/new',
    name: 'bot-new',
    component: () => import('@/views/BotEditorView.vue'),
    meta: { permission: 'bots.edit', title: 'bots.new' },
  },
  {
    path: '/bots/:id(\\d+)',
    name: 'bot-edit',
    component: () => import('@/views/BotEditorView.vue'),
    props: true,
    meta: { permission: 'bots.view', title: 'bots.editor' },
  },
  {
    path: '/chats',
    name: 'chats',
    component: () => import('@/views/ChatsView.vue'),
    meta: { permission: 'chats.view', title: 'nav.chats' },
  },
  {
    path: '/wizard',
    name: 'wizard',
    component: () => import('@/views/WizardView.vue'),
    meta: { permission: 'wizard.run', title: 'nav.wizard' },
  },
  {
    path: '/settings',
    name: 'settings',
    component: () => import('@/views/SettingsView.vue'),
    meta: { permission: 'settings.view', title: 'nav.settings' },
  },
  {
    path: '/logs',
    name: 'logs',
    component: () => import('@/views/LogsView.vue'),
    meta: { permission: 'logs.view', title: 'nav.logs' },
  },
  {
    path: '/users',
    name: 'users',
    component: () => import('@/views/UsersView.vue'),
    meta: { permission: 'users.manage', title: 'nav.users' },
  },
  {
    path: '/system',
    name: 'system',
    component: () => import('@/views/SystemView.vue'),
    meta: { permission: 'system.view', title: 'nav.system' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/NotFoundView.vue'),
    meta: { title: 'notFound.title' },
  },
];

/**
 * Hash history (`/#/bots`): the API serves this app at `/` and owns `/bots`, `/settings`, … as
 * REST paths, so a reload of a screen must never reach the API with a screen's path.
 */
export function createAppRouter() {
  const router = createRouter({ history: createWebHashHistory('/'), routes });

  router.beforeEach(async (to) => {
    const auth = useAuthStore();
    await auth.ensureChecked();
    if (to.meta.public) {
      return auth.isAuthenticated && to.name === 'login' ? { name: 'overview' } : true;
    }
    if (!auth.isAuthenticated) {
      return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
    }
    if (to.meta.permission && !roleCan(auth.role, to.meta.permission)) {
      return { name: 'overview' };
    }
    return true;
  });

  return router;
}
