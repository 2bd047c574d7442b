import { isApiError } from '@/api/api-error';

export type NoticeLevel = 'success' | 'info' | 'warning' | 'error';

/** A notice is either an i18n key with params or a text already in the user's language (server message). */
export interface Notice {
  level: NoticeLevel;
  key?: string;
  params?: Record<string, string | number>;
  text?: string;
}

type Listener = (notice: Notice) => void;
const listeners = new Set<Listener>();

/**
 * The one notification path: stores report outcomes here; the app shell shows them as toasts.
 * Keeping it free of UI code lets stores be tested without a component tree.
 */
export const notifier = {
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  notify(notice: Notice): void {
    for (const listener of listeners) {
      listener(notice);
    }
  },
  success(key: string, params?: Record<string, string | number>): void {
    notifier.notify({ level: 'success', key, params });
  },
  /** Reports a failure: the API's message when there is one, else a generic key. */
  error(error: unknown, fallbackKey = 'errors.generic'): void {
    if (isApiError(error)) {
      if (error.isNetworkError) {
        notifier.notify({ level: 'error', key: 'errors.network' });
      } else {
        notifier.notify({
          level: 'error',
          text: error.requestId ? `${error.message} (${error.requestId})` : error.message,
        });
      }
      return;
    }
    notifier.notify({ level: 'error', key: fallbackKey });
  },
};
