import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { api } from '@/api/endpoints';
import type { ChatMessage, Metrics, SystemCheck } from '@/api/types';
import { dashboardSocketUrl, useWebSocket, type SocketLike } from '@/composables/use-web-socket';
import { parseLiveEvent, type LiveEvent } from '@/lib/live-events';
import { notifier } from '@/lib/notifier';
import { pushPoint, type SeriesPoint } from '@/lib/rolling-series';
import { useBotsStore } from './bots.store';
import { useChatsStore } from './chats.store';
import { useSettingsStore } from './settings.store';

/** How the store opens sockets; tests replace `create`. */
export const liveSocketFactory: { create: (url: string) => SocketLike } = {
  create: (url) => new WebSocket(url),
};

const FEED_LIMIT = 400;
const SERIES_LIMIT = 120;
const SEND_EVENTS_WINDOW_MS = 30 * 60000;
/** Only while the socket is down: a slow metrics refresh so the overview does not freeze. */
export const OFFLINE_POLL_MS = 15000;

/**
 * Everything that arrives over /ws/dashboard: metrics snapshots, the live message feed and the
 * events that patch other stores. While the socket is open nothing is polled.
 */
export const useLiveStore = defineStore('live', () => {
  const metrics = shallowRef<Metrics | null>(null);
  const previousMetrics = shallowRef<Metrics | null>(null);
  const latestCheck = shallowRef<SystemCheck | null>(null);
  const generatedAt = ref<string | null>(null);
  const feed = ref<ChatMessage[]>([]);
  const rateSeries = shallowRef<SeriesPoint[]>([]);
  const hourSeries = shallowRef<SeriesPoint[]>([]);
  /** (chat, time) of each send in the last half hour, for the per-chat chart. */
  const sendEvents = shallowRef<{ key: string; at: number }[]>([]);
  const controlBusy = ref(false);

  const socket = useWebSocket({
    url: () => dashboardSocketUrl(),
    onMessage: handleFrame,
    onAuthFailure: () => notifier.notify({ level: 'warning', key: 'live.authClosed' }),
    createSocket: (url) => liveSocketFactory.create(url),
  });
  const live = computed(() => socket.state.value === 'open');

  function setMetrics(next: Metrics, at: string): void {
    previousMetrics.value = metrics.value;
    metrics.value = next;
    generatedAt.value = at;
    const t = Date.parse(at) || Date.now();
    rateSeries.value = pushPoint(
      rateSeries.value,
      { t, v: Number(next.messages_per_minute) || 0 },
      SERIES_LIMIT,
    );
    hourSeries.value = pushPoint(
      hourSeries.value,
      { t, v: Number(next.messages_last_hour) || 0 },
      SERIES_LIMIT,
    );
  }

  function addMessage(message: ChatMessage): void {
    const index = feed.value.findIndex((m) => m.id === message.id);
    if (index !== -1) {
      feed.value.splice(index, 1, { ...feed.value[index], ...message });
      return;
    }
    feed.value.push(message);
    if (feed.value.length > FEED_LIMIT) {
      feed.value.splice(0, feed.value.length - FEED_LIMIT);
    }
    if (message.state === 'sent') {
      const now = Date.now();
      sendEvents.value = [
        ...sendEvents.value.filter((e) => now - e.at < SEND_EVENTS_WINDOW_MS),
        {
          key: String(message.chat_db_id ?? '?'),
          at: Date.parse(message.sent_at ?? message.created_at) || now,
        },
      ];
    }
  }

  /** Ids already asked for, so a burst of messages from a new bot reads it once. */
  const requested = new Set<string>();

  /** A message from a bot or chat created after the lists were loaded: read it, once. */
  function learnAbout(message: ChatMessage): void {
    const bots = useBotsStore();
    const chats = useChatsStore();
    const botId = message.bot_id;
    if (botId !== null && bots.loaded && !bots.byId.has(botId) && !requested.has(`b${botId}`)) {
      requested.add(`b${botId}`);
      void bots.fetchOne(botId).catch(() => undefined);
    }
    const chatId = message.chat_db_id;
    if (
      chatId !== null &&
      chats.loaded &&
      !chats.byId.has(chatId) &&
      !requested.has(`c${chatId}`)
    ) {
      requested.add(`c${chatId}`);
      void chats.fetchAll();
    }
  }

  /** A message of the feed that failed after it was shown (a retry that gave up). */
  function markFailed(id: number, reason: string): void {
    const index = feed.value.findIndex((m) => m.id === id);
    if (index !== -1) {
      feed.value.splice(index, 1, { ...feed.value[index]!, state: 'failed', state_reason: reason });
    }
  }

  function handleEvent(event: LiveEvent): void {
    switch (event.type) {
      case 'dashboard_snapshot':
        setMetrics(event.metrics, event.generated_at);
        latestCheck.value = event.latest_check;
        break;
      case 'message_sent':
        addMessage(event.message);
        learnAbout(event.message);
        break;
      case 'message_failed':
        markFailed(event.message_id, event.reason);
        break;
      case 'bot_status':
        useBotsStore().applyStatus(event.bot_id, event.status, event.reason);
        break;
      case 'settings_updated':
        void useSettingsStore().reloadIfLoaded();
        break;
      case 'control':
        if (metrics.value) {
          metrics.value = {
            ...metrics.value,
            simulation_active: event.simulation_active ?? metrics.value.simulation_active,
            scale_factor: event.factor ?? metrics.value.scale_factor,
          };
        }
        break;
    }
  }

  function handleFrame(frame: string): void {
    const event = parseLiveEvent(frame);
    if (event) {
      handleEvent(event);
    }
  }

  async function refreshMetrics(): Promise<void> {
    try {
      setMetrics(await api.metrics.get(), new Date().toISOString());
    } catch (error) {
      notifier.error(error);
    }
  }

  async function loadRecent(): Promise<void> {
    try {
      const recent = await api.logs.recent();
      for (const message of recent) {
        addMessage(message);
      }
    } catch (error) {
      notifier.error(error);
    }
  }

  let pollTimer: ReturnType<typeof setInterval> | null = null;
  function stopPolling(): void {
    if (pollTimer !== null) {
      clearInterval(pollTimer);
      pollTimer = null;
    }
  }
  const started = ref(false);
  watch([live, started], ([isLive, isStarted]) => {
    stopPolling();
    if (isStarted && !isLive) {
      pollTimer = setInterval(() => void refreshMetrics(), OFFLINE_POLL_MS);
    }
  });

  // When the browser reports the network is back, skip the rest of the backoff wait.
  const onOnline = () => socket.retryNow();

  function start(): void {
    if (started.value) {
      return;
    }
    started.value = true;
    window.addEventListener('online', onOnline);
    socket.connect();
    void refreshMetrics();
  }

  function stop(): void {
    started.value = false;
    window.removeEventListener('online', onOnline);
    stopPolling();
    socket.disconnect();
  }

  async function control(action: 'start' | 'stop' | 'scale', factor?: number): Promise<void> {
    controlBusy.value = true;
    try {
      const change =
        action === 'scale'
          ? { scale_factor: (await api.control.scale(factor ?? 1)).factor }
          : {
              simulation_active: (
                await (action === 'start' ? api.control.start() : api.control.stop())
              ).simulation_active,
            };
      if (metrics.value) {
        metrics.value = { ...metrics.value, ...change };
      }
      notifier.success(`control.done.${action}`);
    } catch (error) {
      notifier.error(error);
    } finally {
      controlBusy.value = false;
    }
  }

  return {
    metrics,
    previousMetrics,
    latestCheck,
    generatedAt,
    feed,
    rateSeries,
    hourSeries,
    sendEvents,
    controlBusy,
    live,
    connectionState: socket.state,
    nextRetryInMs: socket.nextRetryInMs,
    retryNow: socket.retryNow,
    handleFrame,
    refreshMetrics,
    loadRecent,
    start,
    stop,
    control,
  };
});
