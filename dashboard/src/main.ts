import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { apiClient } from '@/api/client';
import App from '@/App.vue';
import { i18n } from '@/i18n/i18n';
import { createAppRouter } from '@/router';
import { useAuthStore } from '@/stores/auth.store';
import '@/styles.css';

const app = createApp(App);
const pinia = createPinia();
const router = createAppRouter();
app.use(pinia).use(i18n).use(router);

// Any 401 means the session ended (expired, revoked, user disabled): back to the login form.
apiClient.onUnauthorized(() => {
  useAuthStore(pinia).sessionExpired();
  const current = router.currentRoute.value;
  if (!current.meta.public) {
    void router.replace({ name: 'login', query: { redirect: current.fullPath } });
  }
});

app.mount('#app');
