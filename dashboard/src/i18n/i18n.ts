import { createI18n } from 'vue-i18n';
import en from './locales/en';
import tr from './locales/tr';

export const LOCALES = ['tr', 'en'] as const;
export type AppLocale = (typeof LOCALES)[number];

export function isLocale(value: string): value is AppLocale {
  return (LOCALES as readonly string[]).includes(value);
}

export type MessageSchema = typeof tr;

/** Turkish first; English is complete (a unit test keeps both key sets identical). */
export const i18n = createI18n<[MessageSchema], AppLocale, false>({
  legacy: false,
  locale: 'tr',
  fallbackLocale: 'tr',
  messages: { tr, en },
  missingWarn: import.meta.env.DEV,
  fallbackWarn: import.meta.env.DEV,
});
