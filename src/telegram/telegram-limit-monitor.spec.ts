import { LimitEvent, TelegramLimitMonitor } from './telegram-limit-monitor';

/** Feeds events in order and returns the rules each one broke. */
function run(events: LimitEvent[]): string[][] {
  const monitor = new TelegramLimitMonitor();
  return events.map((event) => {
    const broken = monitor.evaluate(event);
    monitor.record(event);
    return broken;
  });
}

const message = (at: number, chatId: number, bot = 'b1'): LimitEvent => ({
  at,
  bot,
  chatId,
  isMessage: true,
});

describe('TelegramLimitMonitor', () => {
  it('passes one message per second in a chat', () => {
    const results = run(Array.from({ length: 10 }, (_, i) => message(i * 1000, -100)));
    expect(results.flat()).toEqual([]);
  });

  it('tolerates a burst of two but not a third message within a second', () => {
    const results = run([message(0, -100), message(100, -100, 'b2'), message(200, -100, 'b3')]);
    expect(results).toEqual([[], [], ['chat_messages_per_second']]);
  });

  it('refills the chat bucket at one message per second', () => {
    const results = run([
      message(0, -100),
      message(10, -100),
      message(1010, -100),
      message(1020, -100),
    ]);
    expect(results).toEqual([[], [], [], ['chat_messages_per_second']]);
  });

  it('limits a bot to 20 messages per minute in one group, not in private chats', () => {
    const group = run(Array.from({ length: 21 }, (_, i) => message(i * 2000, -100)));
    expect(group[19]).toEqual([]);
    expect(group[20]).toEqual(['bot_group_messages_per_minute']);
    const privateChat = run(Array.from({ length: 21 }, (_, i) => message(i * 2000, 42)));
    expect(privateChat.flat()).toEqual([]);
  });

  it('forgets group messages older than a minute', () => {
    const results = run([
      ...Array.from({ length: 20 }, (_, i) => message(i * 2000, -100)),
      message(60_000, -100),
    ]);
    expect(results[20]).toEqual([]);
  });

  it('limits a bot token to 30 requests per second across chats and methods', () => {
    const events: LimitEvent[] = Array.from({ length: 31 }, (_, i) => ({
      at: i * 10,
      bot: 'b1',
      chatId: -i - 1,
      isMessage: i % 2 === 0,
    }));
    const results = run(events);
    expect(results.slice(0, 30).flat()).toEqual([]);
    expect(results[30]).toEqual(['bot_requests_per_second']);
    // Another bot is not affected.
    expect(run([...events.slice(0, 30), { ...events[30], bot: 'b2' }])[30]).toEqual([]);
  });
});
