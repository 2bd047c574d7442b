import { createTestingPinia } from '@pinia/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/api-error';
import { notifier } from '@/lib/notifier';
import { mockApi } from '@/test/mock-api';
import { BotFactory } from '@/test/factories';
import { useBotsStore } from './bots.store';

describe('bots store', () => {
  beforeEach(() => {
    createTestingPinia({ createSpy: vi.fn, stubActions: false });
  });

  it('loads the list from the page GET /bots answers', async () => {
    mockApi({
      'GET /bots': () =>
        BotFactory.page([BotFactory.create({ id: 1 }), BotFactory.create({ id: 2 })]),
    });
    const store = useBotsStore();
    await store.fetchAll();
    expect(store.items.map((b) => b.id)).toEqual([1, 2]);
    expect(store.loaded).toBe(true);
  });

  it('bulk-disables optimistically and rolls back only the bots whose request failed', async () => {
    const notices = vi.fn();
    notifier.subscribe(notices);
    const api = mockApi({
      'GET /bots': () =>
        BotFactory.page([BotFactory.create({ id: 1 }), BotFactory.create({ id: 2 })]),
      'PATCH /bots/{id}': ({ path: { id }, body }) => {
        if (id === 2) {
          throw new ApiError({ status: 403, code: 'forbidden', message: 'Yetki yok' });
        }
        return BotFactory.create({ id, is_enabled: body?.is_enabled });
      },
    });
    const store = useBotsStore();
    await store.fetchAll();
    const pending = store.setEnabled([1, 2], false);
    expect(store.items.map((b) => b.is_enabled)).toEqual([false, false]);
    const { failed } = await pending;
    expect(failed).toEqual([2]);
    expect(store.byId.get(1)?.is_enabled).toBe(false);
    expect(store.byId.get(2)?.is_enabled).toBe(true);
    expect(api.calls.filter((c) => c.route.startsWith('PATCH'))).toEqual([
      { route: 'PATCH /bots/1', body: { is_enabled: false } },
      { route: 'PATCH /bots/2', body: { is_enabled: false } },
    ]);
    expect(notices).toHaveBeenCalledWith({ level: 'error', text: 'Yetki yok' });
  });

  it('puts a deleted bot back when the API refuses the delete', async () => {
    mockApi({
      'GET /bots': () =>
        BotFactory.page([BotFactory.create({ id: 1 }), BotFactory.create({ id: 2 })]),
      'DELETE /bots/{id}': () => {
        throw new ApiError({ status: 403, code: 'forbidden', message: 'admin only' });
      },
    });
    const store = useBotsStore();
    await store.fetchAll();
    await expect(store.remove(1)).rejects.toThrow('admin only');
    expect(store.items.map((b) => b.id)).toEqual([1, 2]);
  });

  it('applies live bot_status changes', async () => {
    mockApi({ 'GET /bots': () => BotFactory.page([BotFactory.create({ id: 5 })]) });
    const store = useBotsStore();
    await store.fetchAll();
    store.applyStatus(5, 'error', 'Forbidden: bot was kicked');
    expect(store.inError.map((b) => b.last_error)).toEqual(['Forbidden: bot was kicked']);
  });

  it('fails loudly on a route the test did not declare', async () => {
    mockApi({});
    const store = useBotsStore();
    await expect(store.fetchOne(1)).rejects.toThrow('mockApi: unexpected GET /bots/1');
  });

  it('verifies a token, refreshes the bot and reports who it belongs to', async () => {
    const notices = vi.fn();
    notifier.subscribe(notices);
    mockApi({
      'POST /bots/{id}/verify': ({ path: { id } }) => ({
        verified: true,
        telegram: { id: 99, username: 'mehmet_bot', first_name: 'Mehmet' },
        bot: BotFactory.create({ id, username: 'mehmet_bot' }),
      }),
    });
    const store = useBotsStore();
    await store.verify(4);
    expect(store.byId.get(4)?.username).toBe('mehmet_bot');
    expect(notices).toHaveBeenCalledWith(
      expect.objectContaining({ level: 'success', params: { username: 'mehmet_bot' } }),
    );
  });
});
