import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainException } from '../common/errors/domain.exception';
import { isUniqueViolation } from '../database/pg-errors';
import { Chat, DEFAULT_CHAT_TOPICS } from './entities/chat.entity';

export interface ChatFieldsInput {
  chat_id?: number;
  title?: string | null;
  is_enabled?: boolean;
  topics?: string[];
  timezone?: string | null;
}

function chatIdTaken(chatId: number): DomainException {
  return DomainException.conflict(`Chat ${chatId} is already registered`, [
    { field: 'chat_id', reason: 'is already registered' },
  ]);
}

/** Writes chat rows inside the caller's transaction (API, wizard, importer, demo). */
@Injectable()
export class ChatWriter {
  async create(m: EntityManager, input: ChatFieldsInput & { chat_id: number }): Promise<Chat> {
    if (await m.existsBy(Chat, { chatId: input.chat_id })) {
      throw chatIdTaken(input.chat_id);
    }
    const chat = m.create(Chat, { chatId: input.chat_id, topics: [...DEFAULT_CHAT_TOPICS] });
    applyChatFields(chat, input);
    return this.save(m, chat);
  }

  async update(m: EntityManager, chat: Chat, input: ChatFieldsInput): Promise<Chat> {
    if (input.chat_id !== undefined && input.chat_id !== chat.chatId) {
      if (await m.existsBy(Chat, { chatId: input.chat_id })) {
        throw chatIdTaken(input.chat_id);
      }
    }
    applyChatFields(chat, input);
    return this.save(m, chat);
  }

  private async save(m: EntityManager, chat: Chat): Promise<Chat> {
    try {
      return await m.save(Chat, chat);
    } catch (error) {
      throw isUniqueViolation(error, 'UQ_chats_chat_id') ? chatIdTaken(chat.chatId) : error;
    }
  }
}

export function applyChatFields(chat: Chat, input: ChatFieldsInput): void {
  if (input.chat_id !== undefined) {
    chat.chatId = input.chat_id;
  }
  if (input.title !== undefined) {
    chat.title = input.title;
  }
  if (input.is_enabled !== undefined) {
    chat.isEnabled = input.is_enabled;
  }
  if (input.topics !== undefined) {
    chat.topics = input.topics;
  }
  if (input.timezone !== undefined) {
    chat.timezone = input.timezone;
  }
}
