import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Bot } from '../bots/entities/bot.entity';
import { DEFAULT_PAGE_LIMIT, Page } from '../common/dto/page';
import { DomainException } from '../common/errors/domain.exception';
import { DomainEventPublisher } from '../events/domain-event-publisher.service';
import { Message } from '../messages/entities/message.entity';
import { ChatWriter } from './chat-writer.service';
import { toChatResponse } from './chat-views';
import { ChatMembershipResponse, SetChatBotsDto } from './dto/chat-membership.dto';
import { ChatResponse, CreateChatDto, UpdateChatDto } from './dto/chat.dto';
import { ListChatsQuery } from './dto/list-chats-query.dto';
import { ChatBot, ChatBotStatus } from './entities/chat-bot.entity';
import { Chat } from './entities/chat.entity';

@Injectable()
export class ChatsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: ChatWriter,
    private readonly events: DomainEventPublisher,
  ) {}

  async list(query: ListChatsQuery): Promise<Page<ChatResponse>> {
    const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
    const offset = query.offset ?? 0;
    const qb = this.dataSource
      .getRepository(Chat)
      .createQueryBuilder('c')
      .orderBy('c.id', 'ASC')
      .take(limit)
      .skip(offset);
    if (query.search) {
      const pattern = `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere('c.title ILIKE :pattern', { pattern });
    }
    if (query.is_enabled !== undefined) {
      qb.andWhere('c.isEnabled = :enabled', { enabled: query.is_enabled });
    }
    const [chats, total] = await qb.getManyAndCount();
    return { items: chats.map(toChatResponse), total, limit, offset };
  }

  async get(id: number): Promise<ChatResponse> {
    return toChatResponse(await this.find(id));
  }

  async create(dto: CreateChatDto): Promise<ChatResponse> {
    const chat = await this.dataSource.transaction((m) => this.writer.create(m, dto));
    await this.events.publish({ type: 'chat_changed', chat_id: chat.id });
    return this.get(chat.id);
  }

  async update(id: number, dto: UpdateChatDto): Promise<ChatResponse> {
    await this.dataSource.transaction(async (m) => {
      const chat = await m.findOne(Chat, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!chat) {
        throw DomainException.notFound('Chat', id);
      }
      await this.writer.update(m, chat, dto);
    });
    await this.events.publish({ type: 'chat_changed', chat_id: id });
    return this.get(id);
  }

  /** History is kept (messages.chat_db_id set null) unless `purge` asks to delete it too. */
  async remove(id: number, purge: boolean): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      if (!(await m.existsBy(Chat, { id }))) {
        throw DomainException.notFound('Chat', id);
      }
      if (purge) {
        await m.delete(Message, { chatDbId: id });
      }
      await m.delete(Chat, { id });
    });
    await this.events.publish({ type: 'chat_changed', chat_id: id });
  }

  async members(id: number): Promise<ChatMembershipResponse> {
    await this.find(id);
    const rows = await this.dataSource
      .getRepository(ChatBot)
      .find({ where: { chatDbId: id }, relations: { bot: true }, order: { botId: 'ASC' } });
    return {
      mode: rows.some((r) => r.status === ChatBotStatus.Member) ? 'members' : 'all_enabled_bots',
      items: rows.map((r) => ({
        bot_id: r.botId,
        name: r.bot?.name ?? '',
        username: r.bot?.username ?? null,
        is_enabled: r.bot?.isEnabled ?? false,
        status: r.status,
        last_error: r.lastError,
        last_error_at: r.lastErrorAt,
      })),
    };
  }

  /**
   * Replaces the member rows. Failed rows are kept: a bot Telegram refused in this chat stays
   * excluded until an operator clears the failure explicitly. An empty list returns the chat to
   * "every enabled bot takes part".
   */
  async setMembers(id: number, dto: SetChatBotsDto): Promise<ChatMembershipResponse> {
    await this.dataSource.transaction(async (m) => {
      if (!(await m.existsBy(Chat, { id }))) {
        throw DomainException.notFound('Chat', id);
      }
      const found = await m.find(Bot, { where: { id: In(dto.bot_ids) }, select: { id: true } });
      const known = new Set(found.map((b) => b.id));
      const missing = dto.bot_ids
        .map((botId, index) => ({ botId, index }))
        .filter(({ botId }) => !known.has(botId));
      if (missing.length > 0) {
        throw DomainException.validation(
          missing.map(({ botId, index }) => ({
            field: `bot_ids[${index}]`,
            reason: `bot ${botId} does not exist`,
          })),
        );
      }
      const rows = await m.find(ChatBot, { where: { chatDbId: id } });
      const wanted = new Set(dto.bot_ids);
      const stale = rows.filter((r) => r.status === ChatBotStatus.Member && !wanted.has(r.botId));
      if (stale.length > 0) {
        await m.delete(ChatBot, { chatDbId: id, botId: In(stale.map((r) => r.botId)) });
      }
      const existing = new Set(rows.map((r) => r.botId));
      const added = dto.bot_ids.filter((botId) => !existing.has(botId));
      if (added.length > 0) {
        await m.insert(
          ChatBot,
          added.map((botId) => ({ chatDbId: id, botId, status: ChatBotStatus.Member })),
        );
      }
    });
    await this.events.publish({ type: 'chat_changed', chat_id: id });
    return this.members(id);
  }

  async removeMember(id: number, botId: number): Promise<void> {
    const result = await this.dataSource.getRepository(ChatBot).delete({ chatDbId: id, botId });
    if (!result.affected) {
      throw DomainException.notFound('Membership of bot in chat', `${botId}/${id}`);
    }
    await this.events.publish({ type: 'chat_changed', chat_id: id });
  }

  /**
   * Lets a bot Telegram refused take part again. In a chat with other members the row becomes a
   * member; otherwise it is removed, so the chat stays in "every enabled bot" mode instead of
   * suddenly having this bot as its only member.
   */
  async clearFailure(id: number, botId: number): Promise<ChatMembershipResponse> {
    await this.dataSource.transaction(async (m) => {
      const row = await m.findOne(ChatBot, {
        where: { chatDbId: id, botId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) {
        throw DomainException.notFound('Membership', `${id}/${botId}`);
      }
      if (row.status !== ChatBotStatus.Failed) {
        return;
      }
      const otherMembers = await m.countBy(ChatBot, { chatDbId: id, status: ChatBotStatus.Member });
      if (otherMembers > 0) {
        await m.update(
          ChatBot,
          { chatDbId: id, botId },
          { status: ChatBotStatus.Member, lastError: null, lastErrorAt: null },
        );
      } else {
        await m.delete(ChatBot, { chatDbId: id, botId });
      }
    });
    await this.events.publish({ type: 'chat_changed', chat_id: id });
    return this.members(id);
  }

  private async find(id: number): Promise<Chat> {
    const chat = await this.dataSource.getRepository(Chat).findOneBy({ id });
    if (!chat) {
      throw DomainException.notFound('Chat', id);
    }
    return chat;
  }
}
