import { ChatResponse } from './dto/chat.dto';
import { Chat } from './entities/chat.entity';

export function toChatResponse(chat: Chat): ChatResponse {
  return {
    id: chat.id,
    chat_id: chat.chatId,
    title: chat.title,
    is_enabled: chat.isEnabled,
    topics: chat.topics,
    timezone: chat.timezone,
    created_at: chat.createdAt,
    updated_at: chat.updatedAt,
  };
}
