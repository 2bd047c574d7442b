import type { ChatMessage } from '@/api/types';

export interface ThreadNode {
  message: ChatMessage;
  replies: ThreadNode[];
  /** Emoji reactions on this message (messages of kind `reaction`). */
  reactions: ChatMessage[];
}

function parentKey(message: ChatMessage, byTelegramId: Map<string, ChatMessage>): number | null {
  if (message.reply_to_message_id != null) {
    const parent = byTelegramId.get(`${message.chat_db_id}:${message.reply_to_message_id}`);
    if (parent) {
      return parent.id;
    }
  }
  return null;
}

/**
 * Groups one chat's messages into reply threads, oldest first. A reply whose parent is not in
 * the window becomes a root (the feed keeps a bounded window). Reactions attach to their target.
 */
export function buildThreads(messages: readonly ChatMessage[]): ThreadNode[] {
  const sorted = [...messages].sort(
    (a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id,
  );
  const byTelegramId = new Map(
    sorted
      .filter((m) => m.telegram_message_id != null)
      .map((m) => [`${m.chat_db_id}:${m.telegram_message_id}`, m]),
  );
  const nodes = new Map<number, ThreadNode>();
  for (const message of sorted) {
    if (message.kind !== 'reaction') {
      nodes.set(message.id, { message, replies: [], reactions: [] });
    }
  }
  const roots: ThreadNode[] = [];
  for (const message of sorted) {
    const parentId = parentKey(message, byTelegramId);
    const parent = parentId === null ? undefined : nodes.get(parentId);
    if (message.kind === 'reaction') {
      parent?.reactions.push(message);
      continue;
    }
    const node = nodes.get(message.id);
    if (!node) {
      continue;
    }
    if (parent && parent !== node) {
      parent.replies.push(node);
    } else {
      roots.push(node);
    }
  }
  return roots;
}
