import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '@/api/types';
import { MessageFactory } from '@/test/factories';
import { buildThreads } from './threads';

const msg = (id: number, extra: Partial<ChatMessage> = {}) =>
  MessageFactory.create({ id, ...extra });

describe('buildThreads', () => {
  it('nests replies under their parent by Telegram message id', () => {
    const threads = buildThreads([
      msg(3, { reply_to_message_id: 102 }),
      msg(1),
      msg(2, { reply_to_message_id: 101 }),
      msg(4),
    ]);
    expect(threads.map((t) => t.message.id)).toEqual([1, 4]);
    expect(threads[0]?.replies[0]?.message.id).toBe(2);
    expect(threads[0]?.replies[0]?.replies[0]?.message.id).toBe(3);
  });

  it('attaches reactions to their target and keeps orphans as roots', () => {
    const threads = buildThreads([
      msg(1),
      msg(2, { kind: 'reaction', text: '🔥', reply_to_message_id: 101 }),
      msg(3, { reply_to_message_id: 999 }),
    ]);
    expect(threads.map((t) => t.message.id)).toEqual([1, 3]);
    expect(threads[0]?.reactions.map((r) => r.text)).toEqual(['🔥']);
  });
});
