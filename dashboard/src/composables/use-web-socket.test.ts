import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import { useWebSocket, type SocketLike } from './use-web-socket';

class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  closedWith: number | null = null;

  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }

  open(): void {
    this.onopen?.(new Event('open'));
  }

  receive(data: string): void {
    this.onmessage?.(new MessageEvent('message', { data }));
  }

  serverClose(code: number): void {
    this.onclose?.({ code } as CloseEvent);
  }

  close(code = 1000): void {
    this.closedWith = code;
    this.onclose?.({ code } as CloseEvent);
  }
}

function latest(): FakeSocket {
  const socket = FakeSocket.all.at(-1);
  if (!socket) {
    throw new Error('no socket created');
  }
  return socket;
}

function setup(onAuthFailure = vi.fn()) {
  const messages: string[] = [];
  const scope = effectScope();
  const ws = scope.run(() =>
    useWebSocket({
      url: () => 'ws://test/ws/dashboard',
      onMessage: (data) => messages.push(data),
      onAuthFailure,
      backoff: { baseMs: 1000, maxMs: 8000, jitter: 0 },
      createSocket: (url) => new FakeSocket(url),
    }),
  );
  if (!ws) {
    throw new Error('scope did not run');
  }
  return { ws, messages, scope, onAuthFailure };
}

describe('useWebSocket', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.all = [];
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('connects, delivers frames and reports open', () => {
    const { ws, messages } = setup();
    ws.connect();
    expect(ws.state.value).toBe('connecting');
    latest().open();
    latest().receive('{"type":"x"}');
    expect(ws.state.value).toBe('open');
    expect(messages).toEqual(['{"type":"x"}']);
  });

  it('reconnects with exponential backoff capped at the maximum', () => {
    const { ws } = setup();
    ws.connect();
    const delays: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      latest().serverClose(1006);
      expect(ws.state.value).toBe('reconnecting');
      delays.push(ws.nextRetryInMs.value ?? -1);
      const before = FakeSocket.all.length;
      vi.advanceTimersByTime((ws.nextRetryInMs.value ?? 0) - 1);
      expect(FakeSocket.all.length).toBe(before);
      vi.advanceTimersByTime(1);
      expect(FakeSocket.all.length).toBe(before + 1);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 8000]);
  });

  it('resets the backoff after a successful connection', () => {
    const { ws } = setup();
    ws.connect();
    latest().serverClose(1006);
    vi.advanceTimersByTime(1000);
    latest().serverClose(1006);
    expect(ws.nextRetryInMs.value).toBe(2000);
    vi.advanceTimersByTime(2000);
    latest().open();
    expect(ws.attempt.value).toBe(0);
    latest().serverClose(1006);
    expect(ws.nextRetryInMs.value).toBe(1000);
  });

  it('does not retry after an auth close and reports it', () => {
    const { ws, onAuthFailure } = setup();
    ws.connect();
    latest().open();
    latest().serverClose(4401);
    vi.advanceTimersByTime(60000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(ws.state.value).toBe('closed');
    expect(onAuthFailure).toHaveBeenCalledWith(4401);
  });

  it('stops for good on disconnect and when its scope is disposed', () => {
    const { ws, scope } = setup();
    ws.connect();
    latest().open();
    ws.disconnect();
    expect(latest().closedWith).toBe(1000);
    vi.advanceTimersByTime(60000);
    expect(FakeSocket.all).toHaveLength(1);
    ws.connect();
    latest().serverClose(1006);
    scope.stop();
    vi.advanceTimersByTime(60000);
    expect(FakeSocket.all).toHaveLength(2);
    expect(ws.state.value).toBe('closed');
  });
});
