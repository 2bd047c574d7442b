import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Bot } from '../../../src/bots/entities/bot.entity';
import { Chat } from '../../../src/chats/entities/chat.entity';
import { Message, MessageState } from '../../../src/messages/entities/message.entity';

/** Small factories for bots, chats and messages written straight to the database. */
export const BotFactory = {
  create(ds: DataSource, overrides: Partial<Bot> = {}): Promise<Bot> {
    const repo = ds.getRepository(Bot);
    return repo.save(repo.create({ name: `Bot ${randomInt(1e9)}`, ...overrides }));
  },
};

export const ChatFactory = {
  create(ds: DataSource, overrides: Partial<Chat> = {}): Promise<Chat> {
    const repo = ds.getRepository(Chat);
    return repo.save(
      repo.create({
        chatId: -1_000_000_000_000 - randomInt(1e9),
        title: 'Test chat',
        ...overrides,
      }),
    );
  },
};

export const MessageFactory = {
  create(ds: DataSource, overrides: Partial<Message> = {}): Promise<Message> {
    const repo = ds.getRepository(Message);
    return repo.save(repo.create({ text: 'merhaba', state: MessageState.Planned, ...overrides }));
  },
};
