import { getCurrentScope, onScopeDispose, readonly, ref } from 'vue';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from '@/lib/backoff';

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

/** The handful of WebSocket members we use, so tests can pass a fake. */
export interface SocketLike {
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(code?: number, reason?: string): void;
}

export interface UseWebSocketOptions {
  url: () => string;
  onMessage: (data: string) => void;
  /** The server closed with 4401 (not authenticated) or 4403 (forbidden): no retry. */
  onAuthFailure?: (code: number) => void;
  backoff?: BackoffOptions;
  random?: () => number;
  createSocket?: (url: string) => SocketLike;
}

/** Close codes after which retrying cannot help (SPEC 4: the gateway closes with 4401/4403). */
const AUTH_CLOSE_CODES = new Set([4401, 4403]);

/**
 * A WebSocket that stays connected: on an unexpected close it retries with exponential backoff
 * (with jitter) until `disconnect()`; the attempt counter resets once a connection opens.
 * `state` drives the live/offline indicator.
 */
export function useWebSocket(options: UseWebSocketOptions) {
  const state = ref<ConnectionState>('idle');
  const attempt = ref(0);
  const nextRetryInMs = ref<number | null>(null);
  let socket: SocketLike | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let wanted = false;
  const create = options.createSocket ?? ((url: string) => new WebSocket(url));

  function clearTimer(): void {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    nextRetryInMs.value = null;
  }

  function scheduleReconnect(): void {
    const delay = backoffDelay(attempt.value, options.backoff ?? DEFAULT_BACKOFF, options.random);
    attempt.value += 1;
    state.value = 'reconnecting';
    nextRetryInMs.value = delay;
    timer = setTimeout(() => {
      timer = null;
      open();
    }, delay);
  }

  function open(): void {
    clearTimer();
    state.value = 'connecting';
    let current: SocketLike;
    try {
      current = create(options.url());
    } catch {
      scheduleReconnect();
      return;
    }
    socket = current;
    current.onopen = () => {
      if (socket !== current) {
        return;
      }
      attempt.value = 0;
      state.value = 'open';
    };
    current.onmessage = (event) => {
      if (socket === current && typeof event.data === 'string') {
        options.onMessage(event.data);
      }
    };
    // onerror is always followed by onclose; reconnecting happens there, once.
    current.onerror = () => undefined;
    current.onclose = (event) => {
      if (socket !== current) {
        return;
      }
      socket = null;
      if (!wanted) {
        state.value = 'closed';
      } else if (AUTH_CLOSE_CODES.has(event.code)) {
        wanted = false;
        state.value = 'closed';
        options.onAuthFailure?.(event.code);
      } else {
        scheduleReconnect();
      }
    };
  }

  function connect(): void {
    if (wanted && socket) {
      return;
    }
    wanted = true;
    attempt.value = 0;
    open();
  }

  function disconnect(): void {
    wanted = false;
    clearTimer();
    const current = socket;
    socket = null;
    current?.close(1000, 'client closed');
    state.value = 'closed';
  }

  /** Skips the remaining backoff wait (e.g. when the browser comes back online). */
  function retryNow(): void {
    if (wanted && state.value === 'reconnecting') {
      open();
    }
  }

  if (getCurrentScope()) {
    onScopeDispose(disconnect);
  }

  return {
    state: readonly(state),
    attempt: readonly(attempt),
    nextRetryInMs: readonly(nextRetryInMs),
    connect,
    disconnect,
    retryNow,
  };
}

/** ws(s)://host/ws/dashboard for the page's origin, or for VITE_API_BASE_URL when set. */
export function dashboardSocketUrl(
  base: string = (import.meta.env.VITE_API_BASE_URL as string | undefined) ?? '',
): string {
  const origin = base ? new URL(base, window.location.href) : new URL(window.location.href);
  const protocol = origin.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${origin.host}/ws/dashboard`;
}
