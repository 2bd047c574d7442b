import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { i18n, isLocale, type AppLocale } from '@/i18n/i18n';

export type Theme = 'light' | 'dark';

const THEME_KEY = 'piyasa.theme';
const LOCALE_KEY = 'piyasa.locale';

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Private mode or storage full: the choice just does not survive a reload.
  }
}

function initialTheme(): Theme {
  const stored = read(THEME_KEY);
  if (stored === 'light' || stored === 'dark') {
    return stored;
  }
  return typeof window.matchMedia === 'function' &&
    window.matchMedia('(prefers-color-scheme: dark)').matches
    ? 'dark'
    : 'light';
}

/** Theme and language, persisted in localStorage; Turkish is the default language. */
export const usePreferencesStore = defineStore('preferences', () => {
  const theme = ref<Theme>(initialTheme());
  const storedLocale = read(LOCALE_KEY);
  const locale = ref<AppLocale>(storedLocale && isLocale(storedLocale) ? storedLocale : 'tr');

  function applyLocale(value: AppLocale): void {
    i18n.global.locale.value = value;
    document.documentElement.lang = value;
  }

  watch(
    theme,
    (value) => {
      write(THEME_KEY, value);
      document.documentElement.dataset.theme = value;
    },
    { immediate: true },
  );
  watch(
    locale,
    (value) => {
      write(LOCALE_KEY, value);
      applyLocale(value);
    },
    { immediate: true },
  );

  function toggleTheme(): void {
    theme.value = theme.value === 'dark' ? 'light' : 'dark';
  }

  function setLocale(value: AppLocale): void {
    locale.value = value;
  }

  return { theme, locale, toggleTheme, setLocale };
});
