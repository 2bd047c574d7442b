import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '@/api/types';
import { buildThreads } from './threads';

function msg(id: number, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id,
    bot_id: 1,
    chat_db_id: 1,
    telegram_message_id: 100 + id,
    text: `m${id}`,
    reply_to_message_id: null,
    msg_metadata: {},
    created_at: `2026-01-01T00:00:${String(id).padStart(2, '0')}Z`,
    ...extra,
  };
}

describe('buildThreads', () => {
  it('nests replies under their parent by Telegram id or db id', () => {
    const threads = buildThreads([
      msg(3, { reply_to_db_id: 2 }),
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
