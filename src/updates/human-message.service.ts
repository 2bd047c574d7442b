import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Message as TelegramMessage } from 'telegraf/types';
import { Bot } from '../bots/entities/bot.entity';
import { Chat } from '../chats/entities/chat.entity';
import { chooseHumanResponder } from '../engine/human-responder';
import { seededRng } from '../engine/random.util';
import { PendingHuman } from '../engine/turn/pending-human';
import { TurnContextLoader } from '../engine/turn/turn-context.loader';
import { Message, MessageKind, MessageState } from '../messages/entities/message.entity';
import { jobIds, JobResult } from '../queue/job-definitions';
import { JobProducer } from '../queue/job-producer.service';
import { RedisService } from '../redis/redis.service';
import { SettingsReader } from '../settings/settings-reader.service';
import { SettingsValues } from '../settings/settings.registry';
import { TelegramUpdate } from '../telegram/telegram-transport';

/** The "decided" marker outlives any redelivery of the same message. */
const DECIDED_TTL_SECONDS = 7 * 24 * 3600;

type IncomingText = TelegramMessage.TextMessage | TelegramMessage.CaptionableMessage;

/**
 * One received update (SPEC 7.9): a real member's text in a known group is stored once — whichever
 * of our bots saw it — and exactly one bot is chosen to answer it. The choice is claimed with a
 * Redis SET NX per stored message, so the copies of the message seen by the other bots (and any
 * redelivery) find it taken: one reply is ever planned.
 */
@Injectable()
export class HumanMessageService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly loader: TurnContextLoader,
    private readonly producer: JobProducer,
    private readonly redis: RedisService,
    private readonly settings: SettingsReader,
  ) {}

  async handle(botId: number, update: TelegramUpdate): Promise<JobResult> {
    // channel_post, edited_message, reactions …: not a member speaking in a group.
    if (!('message' in update)) {
      return { status: 'skipped', reason: 'not_a_message' };
    }
    const msg = update.message as IncomingText;
    if (msg.chat.type !== 'group' && msg.chat.type !== 'supergroup') {
      return { status: 'skipped', reason: 'not_a_group' };
    }
    const from = msg.from;
    if (!from || from.is_bot || (await this.isOurBot(from.username))) {
      return { status: 'skipped', reason: 'from_bot' };
    }
    const text = 'text' in msg ? msg.text : (msg.caption ?? '');
    if (text.trim() === '') {
      return { status: 'skipped', reason: 'no_text' };
    }
    const settings = await this.settings.get();
    const chat = await this.knownChat(msg.chat.id, msg.chat.title, settings.auto_register_chats);
    if (!chat) {
      return { status: 'skipped', reason: 'unknown_chat' };
    }
    if (!chat.isEnabled) {
      return { status: 'skipped', reason: 'chat_disabled' };
    }
    const messageId = await this.store(chat.id, msg, text);
    const decided = await this.redis.client.set(
      this.redis.key('human', 'decided', messageId),
      String(botId),
      'EX',
      DECIDED_TTL_SECONDS,
      'NX',
    );
    if (decided !== 'OK') {
      return { status: 'skipped', reason: 'already_decided' };
    }
    return this.chooseAndEnqueue(chat, messageId, settings);
  }

  private async chooseAndEnqueue(
    chat: Chat,
    messageId: number,
    settings: SettingsValues,
  ): Promise<JobResult> {
    const ctx = await this.loader.load(chat.id);
    const message = ctx?.history.find((m) => m.id === messageId);
    if (!ctx || !message) {
      return { status: 'skipped', reason: 'message_not_in_history' };
    }
    const choice = chooseHumanResponder(
      {
        message,
        history: ctx.history,
        bots: ctx.candidates.map((c) => c.planner),
        topics: chat.topics,
        now: new Date(),
        tz: chat.timezone ?? settings.timezone,
        hourlyMax: settings.bot_hourly_msg_limit.max,
        human_reply_enabled: settings.human_reply_enabled,
      },
      seededRng(`human:${messageId}`),
    );
    if (choice.bot_id === null) {
      return { status: 'skipped', reason: choice.reason };
    }
    await new PendingHuman(this.redis).hold(chat.id, messageId);
    // LIFO puts the answer ahead of every waiting scheduled turn (which carry no priority); the
    // job id makes a second enqueue a no-op. Send limits apply to it like to any message.
    await this.producer.enqueue(
      'turn.run',
      {
        chatDbId: chat.id,
        reason: 'human_reply',
        triggerMessageId: messageId,
        botId: choice.bot_id,
      },
      { jobId: jobIds.humanReply(messageId), lifo: true },
    );
    return { status: 'done', responder: choice.bot_id, reason: choice.reason };
  }

  private async isOurBot(username: string | undefined): Promise<boolean> {
    return username !== undefined && (await this.ds.getRepository(Bot).existsBy({ username }));
  }

  /** The chat by Telegram id; an unknown group is registered disabled when the setting allows. */
  private async knownChat(
    telegramChatId: number,
    title: string | undefined,
    autoRegister: boolean,
  ): Promise<Chat | null> {
    const repo = this.ds.getRepository(Chat);
    const chat = await repo.findOneBy({ chatId: telegramChatId });
    if (chat || !autoRegister) {
      return chat;
    }
    await repo
      .createQueryBuilder()
      .insert()
      .values({ chatId: telegramChatId, title: title ?? null, isEnabled: false })
      .orIgnore()
      .execute();
    return repo.findOneBy({ chatId: telegramChatId });
  }

  /** Inserts the message once per (chat, Telegram id); returns its row id either way. */
  private async store(chatDbId: number, msg: IncomingText, text: string): Promise<number> {
    const repo = this.ds.getRepository(Message);
    const replied = msg.reply_to_message?.message_id;
    const target =
      replied === undefined
        ? null
        : await repo.findOne({
            select: { id: true },
            where: { chatDbId, telegramMessageId: replied },
          });
    await repo
      .createQueryBuilder()
      .insert()
      .values({
        chatDbId,
        botId: null,
        kind: MessageKind.Text,
        telegramMessageId: msg.message_id,
        text,
        replyToMessageId: replied ?? null,
        replyToDbId: target?.id ?? null,
        msgMetadata: {
          is_incoming: true,
          from_user_id: msg.from?.id,
          first_name: msg.from?.first_name,
          username: msg.from?.username,
        },
        state: MessageState.Sent,
        sentAt: new Date(msg.date * 1000),
      })
      .orIgnore()
      .execute();
    const row = await repo.findOneOrFail({
      select: { id: true },
      where: { chatDbId, telegramMessageId: msg.message_id },
    });
    return row.id;
  }
}
