// @vitest-environment happy-dom
import { createTestingPinia } from '@pinia/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SocketLike } from '@/composables/use-web-socket';
import { BotFactory, ChatFactory, MetricsFactory, SettingFactory } from '@/test/factories';
import { mockApi } from '@/test/mock-api';
import { useBotsStore } from './bots.store';
import { useChatsStore } from './chats.store';
import { liveSocketFactory, OFFLINE_POLL_MS, useLiveStore } from './live.store';
import { useSettingsStore } from './settings.store';

function fakeSocket(): SocketLike & { open(): void; drop(): void } {
  const socket: SocketLike & { open(): void; drop(): void } = {
    onopen: null,
    onmessage: null,
    onclose: null,
    onerror: null,
    close: () => socket.onclose?.({ code: 1000 } as CloseEvent),
    open: () => socket.onopen?.(new Event('open')),
    drop: () => socket.onclose?.({ code: 1006 } as CloseEvent),
  };
  return socket;
}

describe('live store', () => {
  let sockets: ReturnType<typeof fakeSocket>[];

  beforeEach(() => {
    vi.useFakeTimers();
    createTestingPinia({ createSpy: vi.fn, stubActions: false });
    sockets = [];
    vi.spyOn(liveSocketFactory, 'create').mockImplementation(() => {
      const socket = fakeSocket();
      sockets.push(socket);
      return socket;
    });
  });

  afterEach(() => {
    useLiveStore().stop();
    vi.useRealTimers();
  });

  it('takes metrics and the latest check from snapshots and charts them', () => {
    const store = useLiveStore();
    store.handleFrame(
      JSON.stringify({
        type: 'dashboard_snapshot',
        generated_at: '2026-01-01T10:00:00Z',
        metrics: MetricsFactory.create({ messages_per_minute: 1.5 }),
        latest_check: null,
      }),
    );
    store.handleFrame(
      JSON.stringify({
        type: 'dashboard_snapshot',
        generated_at: '2026-01-01T10:00:05Z',
        metrics: MetricsFactory.create({ messages_per_minute: 2 }),
        latest_check: null,
      }),
    );
    expect(store.metrics?.messages_per_minute).toBe(2);
    expect(store.previousMetrics?.messages_per_minute).toBe(1.5);
    expect(store.rateSeries.map((p) => p.v)).toEqual([1.5, 2]);
  });

  it('reads a bot and the chats it did not know when their first message arrives', async () => {
    const api = mockApi({
      'GET /bots': () => BotFactory.page([BotFactory.create({ id: 1 })]),
      'GET /bots/{id}': ({ path: { id } }) => BotFactory.create({ id, name: 'Yeni Bot' }),
      'GET /chats': () => ({
        items: [ChatFactory.create({ id: 5 })],
        total: 1,
        limit: 1000,
        offset: 0,
      }),
    });
    await useBotsStore().fetchAll();
    await useChatsStore().fetchAll();
    const store = useLiveStore();
    const frame = (id: number) =>
      JSON.stringify({
        type: 'message_sent',
        message_id: id,
        chat_id: 5,
        bot_id: 9,
        kind: 'text',
        telegram_message_id: id,
        reply_to_message_id: null,
        text: `m${id}`,
        sent_at: '2026-01-01T10:00:00Z',
      });
    store.handleFrame(frame(1));
    store.handleFrame(frame(2));
    await vi.waitFor(() => expect(useBotsStore().byId.get(9)?.name).toBe('Yeni Bot'));
    expect(api.calls.filter((c) => c.route === 'GET /bots/9')).toHaveLength(1);
    // Chat 5 was known: its list is not read again.
    expect(api.calls.filter((c) => c.route.startsWith('GET /chats'))).toHaveLength(1);
  });

  it('routes events to the feed, the bots store and the settings store', async () => {
    let scale = 1;
    mockApi({
      'GET /bots': () => BotFactory.page([BotFactory.create({ id: 3 })]),
      'GET /settings': () => [SettingFactory.row('scale_factor', scale)],
    });
    const bots = useBotsStore();
    await bots.fetchAll();
    const settings = useSettingsStore();
    await settings.fetchAll();
    const store = useLiveStore();
    const sent = JSON.stringify({
      type: 'message_sent',
      message_id: 1,
      chat_id: 1,
      bot_id: 3,
      kind: 'text',
      telegram_message_id: 10,
      reply_to_message_id: null,
      text: 'BIST coştu',
      sent_at: '2026-01-01T10:00:00Z',
    });
    store.handleFrame(sent);
    store.handleFrame(sent);
    store.handleFrame(
      JSON.stringify({ type: 'message_failed', message_id: 1, state: 'failed', reason: 'kicked' }),
    );
    store.handleFrame(
      JSON.stringify({ type: 'bot_status', bot_id: 3, status: 'paused', reason: null }),
    );
    scale = 3;
    store.handleFrame(JSON.stringify({ type: 'settings_updated', keys: ['scale_factor'] }));
    await vi.waitFor(() => expect(settings.values.scale_factor).toBe(3));
    expect(store.feed.map((m) => [m.text, m.state, m.state_reason])).toEqual([
      ['BIST coştu', 'failed', 'kicked'],
    ]);
    expect(bots.byId.get(3)?.status).toBe('paused');
  });

  it('polls metrics only while the socket is down', async () => {
    const api = mockApi({ 'GET /api/metrics': () => MetricsFactory.create() });
    const store = useLiveStore();
    store.start();
    const metricCalls = () => api.calls.filter((c) => c.route === 'GET /api/metrics').length;
    expect(metricCalls()).toBe(1);
    sockets[0]?.open();
    await vi.advanceTimersByTimeAsync(OFFLINE_POLL_MS * 3);
    expect(metricCalls()).toBe(1);
    sockets[0]?.drop();
    await vi.advanceTimersByTimeAsync(OFFLINE_POLL_MS);
    expect(store.live).toBe(false);
    expect(metricCalls()).toBe(2);
  });

  it('retries at once when the browser comes back online', () => {
    mockApi({ 'GET /api/metrics': () => MetricsFactory.create() });
    const store = useLiveStore();
    store.start();
    sockets[0]?.drop();
    expect(store.connectionState).toBe('reconnecting');
    window.dispatchEvent(new Event('online'));
    expect(sockets).toHaveLength(2);
    expect(store.connectionState).toBe('connecting');
  });

  it('updates the switch after a control action', async () => {
    mockApi({
      'GET /api/metrics': () => MetricsFactory.create({ simulation_active: false }),
      'POST /control/start': () => ({ ok: true, simulation_active: true }),
      'POST /control/scale': ({ body }) => ({ ok: true, factor: body!.factor }),
    });
    const store = useLiveStore();
    await store.refreshMetrics();
    await store.control('start');
    await store.control('scale', 2.5);
    expect(store.metrics).toMatchObject({ simulation_active: true, scale_factor: 2.5 });
  });
});
