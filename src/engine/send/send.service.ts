import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { entityColumnsSql, hydrateEntity } from '../../database/hydrate-entity.util';
import { Bot, BotStatus } from '../../bots/entities/bot.entity';
import { Chat } from '../../chats/entities/chat.entity';
import { ChatBot, ChatBotStatus } from '../../chats/entities/chat-bot.entity';
import { redactSecrets } from '../../common/logging/redact';
import { DomainEvent, publishDomainEvent } from '../../events/domain-events';
import {
  FINAL_MESSAGE_STATES,
  Message,
  MessageKind,
  MessageState,
} from '../../messages/entities/message.entity';
import { MessageLedger, StateReason } from '../../messages/message-ledger.service';
import { RedisService } from '../../redis/redis.service';
import { SettingsReader } from '../../settings/settings-reader.service';
import { SettingsValues } from '../../settings/settings.registry';
import { TelegramError, TelegramErrorKind } from '../../telegram/telegram-error';
import { TelegramTransport } from '../../telegram/telegram-transport';
import { SendLimiter } from '../limits/send-limiter.service';
import { TokenRefusals } from './token-refusals.service';
import { ChatSchedule } from '../scheduling/chat-schedule.service';
import { SendLimits, TELEGRAM_LIMITS } from '../limits/send-limits';
import { BotTransports } from './bot-transports.service';
import { AttemptInfo, SendOutcome } from './send-outcome';

/** Telegram shows "typing…" for about 5 s; refresh it before it fades (SPEC 7.5: every ≤ 4 s). */
const TYPING_REFRESH_MS = 4000;
/** After a limiter wait the indicator is shown again briefly, not for the whole typing time. */
const RETYPE_AFTER_WAIT_MS = 1500;

export function sendLimitsFrom(settings: SettingsValues): SendLimits {
  return {
    globalPerMinute: settings.max_msgs_per_min,
    botPerHour: settings.bot_hourly_msg_limit.max,
    ...TELEGRAM_LIMITS,
  };
}

/** What a delivery reads of its bot: transport (BotTransports.forBot), sendability, ids. */
const SEND_BOT_COLUMNS = [
  'id',
  'name',
  'tokenCiphertext',
  'tokenFingerprint',
  'isEnabled',
  'status',
] as const satisfies readonly (keyof Bot)[];
/** What a delivery reads of its chat. */
const SEND_CHAT_COLUMNS = ['id', 'chatId', 'isEnabled'] as const satisfies readonly (keyof Chat)[];

type SendBot = Pick<Bot, (typeof SEND_BOT_COLUMNS)[number]>;
type SendChat = Pick<Chat, (typeof SEND_CHAT_COLUMNS)[number]>;

/** What one delivery decides on, read in one query (partial bot and chat: the columns above). */
interface Delivery {
  message: Message;
  bot: SendBot | null;
  chat: SendChat | null;
  /** The bot's row for this chat, if it has one. */
  membership: { status: ChatBotStatus; lastError: string | null } | null;
}

/**
 * Delivers one recorded message (ADR 0002): typing, limiter admission, compare-and-set claim, the
 * Telegram call, then the outcome by Telegram's answer (SPEC 8). The message row decides
 * everything, so running this twice for one message never sends twice.
 */
@Injectable()
export class SendService {
  private readonly logger = new Logger(SendService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly ledger: MessageLedger,
    private readonly limiter: SendLimiter,
    private readonly transports: BotTransports,
    private readonly redis: RedisService,
    private readonly settings: SettingsReader,
    private readonly schedule: ChatSchedule,
    private readonly tokenRefusals: TokenRefusals,
  ) {}

  async deliver(messageId: number, attempt: AttemptInfo): Promise<SendOutcome> {
    const loaded = await this.load(messageId);
    if (!loaded) {
      return { status: 'skipped', reason: 'message_gone' };
    }
    const outcome = await this.decide(loaded, attempt);
    const { message } = loaded;
    if (
      (outcome.status === 'done' || outcome.status === 'skipped') &&
      message.kind === MessageKind.Text &&
      message.chatDbId !== null
    ) {
      // The chat's next turn may be waiting for this message (one in flight per chat).
      await this.schedule.messageSettled(message.chatDbId);
    }
    return outcome;
  }

  private async decide(loaded: Delivery, attempt: AttemptInfo): Promise<SendOutcome> {
    const { message, bot, chat, membership } = loaded;
    if (FINAL_MESSAGE_STATES.includes(message.state)) {
      return { status: 'skipped', reason: `already_${message.state}` };
    }
    if (message.state === MessageState.Sending) {
      // A previous attempt claimed it and never recorded the answer: it may have arrived.
      await this.ledger.markUnknown(message.id, { code: 'interrupted_during_send' });
      await this.publishFailure(message, MessageState.Unknown, 'interrupted_during_send');
      return { status: 'skipped', reason: 'interrupted_during_send' };
    }
    if (message.state !== MessageState.Planned) {
      return { status: 'skipped', reason: `not_ready_${message.state}` };
    }

    const settings = await this.settings.get();
    const blocked = this.whyNotSendable(message, bot, chat, membership, settings);
    if (blocked) {
      await this.ledger.markSkipped(message.id, blocked);
      await this.publishFailure(message, MessageState.Skipped, blocked.code);
      return { status: 'skipped', reason: blocked.code };
    }
    const sender = bot as SendBot;
    const target = chat as SendChat;
    const transport = this.transports.forBot(sender);
    const limits = sendLimitsFrom(settings);

    if (message.kind === MessageKind.Text && settings.typing_enabled) {
      const typingMs = Number(message.msgMetadata.typing_ms ?? 0);
      const duration = message.attempts > 0 ? Math.min(typingMs, RETYPE_AFTER_WAIT_MS) : typingMs;
      await this.showTyping(transport, sender, target, limits, duration);
    }

    const admission = await this.limiter.admitMessage(
      sender.id,
      target.id,
      limits,
      `msg:${message.id}`,
    );
    if (!admission.admitted) {
      return { status: 'delayed', until: admission.retryAt, reason: admission.blockedBy };
    }

    const claimed = await this.ledger.claimForSending(message.id);
    if (!claimed) {
      return { status: 'skipped', reason: 'claimed_elsewhere' };
    }
    try {
      const telegramMessageId = await this.call(transport, target, claimed);
      await this.ledger.markSent(claimed.id, telegramMessageId);
      await this.publish({
        type: 'message_sent',
        message_id: claimed.id,
        chat_id: target.id,
        bot_id: sender.id,
        kind: claimed.kind,
        telegram_message_id: telegramMessageId,
        reply_to_message_id: claimed.replyToMessageId,
        text: claimed.text,
        sent_at: new Date().toISOString(),
      });
      return { status: 'done', telegram_message_id: telegramMessageId };
    } catch (error) {
      if (!(error instanceof TelegramError)) {
        // Our own failure after the claim: we cannot tell whether the request left.
        await this.ledger.markUnknown(claimed.id, {
          code: 'internal_error',
          detail: redactSecrets(String(error)),
        });
        throw error;
      }
      return this.onTelegramError(error, claimed, sender, target, attempt);
    }
  }

  private loadSqlText?: string;

  /** load()'s statement, built from the entities' metadata once (it is the same every time). */
  private get loadSql(): string {
    this.loadSqlText ??= `SELECT ${entityColumnsSql(this.ds, Message, 'm', 'm_')},
              ${entityColumnsSql(this.ds, Bot, 'b', 'b_', SEND_BOT_COLUMNS)},
              ${entityColumnsSql(this.ds, Chat, 'c', 'c_', SEND_CHAT_COLUMNS)},
              cb.status AS cb_status, cb.last_error AS cb_last_error
         FROM messages m
         LEFT JOIN bots b ON b.id = m.bot_id
         LEFT JOIN chats c ON c.id = m.chat_db_id
         LEFT JOIN chat_bots cb ON cb.chat_db_id = m.chat_db_id AND cb.bot_id = m.bot_id
        WHERE m.id = $1`;
    return this.loadSqlText;
  }

  /**
   * The message with its bot, chat and the bot's membership row in that chat, in one query: what
   * deciding about a delivery needs, read fresh (a bot or chat may have been stopped meanwhile).
   * Of the bot and the chat only the columns a delivery uses (SEND_BOT_COLUMNS,
   * SEND_CHAT_COLUMNS): a bot's persona columns are JSON, parsed for nothing on every send.
   */
  private async load(messageId: number): Promise<Delivery | null> {
    const rows: (Record<string, unknown> & {
      b_id: number | null;
      c_id: number | null;
      cb_status: ChatBotStatus | null;
      cb_last_error: string | null;
    })[] = await this.ds.query(this.loadSql, [messageId]);
    const [row] = rows;
    if (!row) {
      return null;
    }
    return {
      message: hydrateEntity(this.ds, Message, row, 'm_'),
      bot: row.b_id === null ? null : hydrateEntity(this.ds, Bot, row, 'b_', SEND_BOT_COLUMNS),
      chat: row.c_id === null ? null : hydrateEntity(this.ds, Chat, row, 'c_', SEND_CHAT_COLUMNS),
      membership: row.cb_status ? { status: row.cb_status, lastError: row.cb_last_error } : null,
    };
  }

  private whyNotSendable(
    message: Message,
    bot: SendBot | null,
    chat: SendChat | null,
    membership: Delivery['membership'],
    settings: SettingsValues,
  ): StateReason | null {
    if (!bot || !chat) {
      return { code: 'bot_or_chat_deleted' };
    }
    if (!settings.simulation_active && message.msgMetadata.reply_to_human !== true) {
      return { code: 'simulation_stopped' };
    }
    if (!bot.isEnabled || bot.status !== BotStatus.Active) {
      return { code: 'bot_inactive', detail: bot.status };
    }
    if (!chat.isEnabled) {
      return { code: 'chat_disabled' };
    }
    if (membership?.status === ChatBotStatus.Failed) {
      return { code: 'membership_failed', detail: membership.lastError ?? undefined };
    }
    if (message.kind === MessageKind.Reaction && !message.replyToMessageId) {
      return { code: 'reaction_without_target' };
    }
    return null;
  }

  private async showTyping(
    transport: TelegramTransport,
    bot: SendBot,
    chat: SendChat,
    limits: SendLimits,
    durationMs: number,
  ): Promise<void> {
    const until = Date.now() + durationMs;
    while (Date.now() < until) {
      const admission = await this.limiter.admitRequest(bot.id, chat.id, limits);
      if (admission.admitted) {
        // The indicator is cosmetic: a failure here must not stop the message.
        await transport.sendChatAction(chat.chatId, 'typing').catch((error: unknown) => {
          this.logger.debug(`typing indicator failed: ${redactSecrets(String(error))}`);
        });
      }
      await sleep(Math.min(TYPING_REFRESH_MS, Math.max(0, until - Date.now())));
    }
  }

  private async call(
    transport: TelegramTransport,
    chat: SendChat,
    message: Message,
  ): Promise<number | null> {
    if (message.kind === MessageKind.Reaction) {
      await transport.setMessageReaction(
        chat.chatId,
        message.replyToMessageId as number,
        message.text,
      );
      return null;
    }
    const sent = await transport.sendMessage(chat.chatId, message.text, {
      replyToMessageId: message.replyToMessageId ?? undefined,
      allowSendingWithoutReply: true,
      disableLinkPreview: true,
    });
    return sent.messageId;
  }

  private async onTelegramError(
    error: TelegramError,
    message: Message,
    bot: SendBot,
    chat: SendChat,
    attempt: AttemptInfo,
  ): Promise<SendOutcome> {
    const reason = `telegram_${error.kind}`;
    switch (error.kind) {
      case TelegramErrorKind.RateLimited: {
        const waitMs = (error.retryAfterSeconds ?? 1) * 1000;
        await this.limiter.pause(bot.id, chat.id, waitMs);
        await this.ledger.releaseToPlanned(message.id);
        return { status: 'delayed', until: Date.now() + waitMs, reason };
      }
      case TelegramErrorKind.Transient: {
        if (attempt.attemptsMade + 1 >= attempt.maxAttempts) {
          return this.fail(message, { code: reason, detail: error.message });
        }
        await this.ledger.releaseToPlanned(message.id);
        return { status: 'retry', reason };
      }
      case TelegramErrorKind.Ambiguous:
        await this.ledger.markUnknown(message.id, { code: reason, detail: error.message });
        await this.publishFailure(message, MessageState.Unknown, reason);
        return { status: 'done', outcome: 'unknown' };
      case TelegramErrorKind.ChatMigrated:
        return this.onChatMigrated(error, message, chat);
      case TelegramErrorKind.MessageTooLong:
        return this.fail(message, { code: reason, detail: `${message.text.length} characters` });
      case TelegramErrorKind.Forbidden:
      case TelegramErrorKind.ChatNotFound:
        await this.markMembershipFailed(
          bot,
          chat,
          `${error.kind}: ${error.description ?? ''}`.trim(),
        );
        return this.fail(message, { code: reason, detail: error.description });
      case TelegramErrorKind.Unauthorized:
        await this.tokenRefusals.mark(bot.id);
        return this.fail(message, { code: reason });
      case TelegramErrorKind.BadRequest:
      case TelegramErrorKind.Conflict:
        return this.fail(message, { code: reason, detail: error.description });
    }
  }

  /** The group became a supergroup: move the chat to its new id and send once more. */
  private async onChatMigrated(
    error: TelegramError,
    message: Message,
    chat: SendChat,
  ): Promise<SendOutcome> {
    const newChatId = error.newChatId;
    if (!newChatId || message.msgMetadata.chat_migrated === true) {
      return this.fail(message, {
        code: 'telegram_chat_migrated',
        detail: 'migration did not settle',
      });
    }
    await this.ds.getRepository(Chat).update({ id: chat.id }, { chatId: newChatId });
    await this.ds
      .getRepository(Message)
      .update({ id: message.id }, { msgMetadata: { ...message.msgMetadata, chat_migrated: true } });
    await this.ledger.releaseToPlanned(message.id);
    await this.publish({ type: 'chat_changed', chat_id: chat.id });
    return { status: 'delayed', until: Date.now(), reason: 'chat_migrated' };
  }

  private async fail(message: Message, reason: StateReason): Promise<SendOutcome> {
    await this.ledger.markFailed(message.id, reason);
    await this.publishFailure(message, MessageState.Failed, reason.code);
    return { status: 'done', outcome: 'failed', reason: reason.code };
  }

  private async markMembershipFailed(bot: SendBot, chat: SendChat, why: string): Promise<void> {
    await this.ds
      .createQueryBuilder()
      .insert()
      .into(ChatBot)
      .values({
        chatDbId: chat.id,
        botId: bot.id,
        status: ChatBotStatus.Failed,
        lastError: why,
        lastErrorAt: new Date(),
      })
      .orUpdate(['status', 'last_error', 'last_error_at'], ['chat_db_id', 'bot_id'])
      .execute();
    await this.publish({
      type: 'bot_status',
      bot_id: bot.id,
      status: 'membership_failed',
      reason: why,
      chat_id: chat.id,
    });
  }

  private async publishFailure(
    message: Message,
    state: MessageState,
    reason: string,
  ): Promise<void> {
    await this.publish({
      type: 'message_failed',
      message_id: message.id,
      chat_id: message.chatDbId,
      bot_id: message.botId,
      state,
      reason,
    });
  }

  private async publish(event: DomainEvent): Promise<void> {
    await publishDomainEvent(this.redis, event).catch((error: unknown) => {
      this.logger.warn(`event ${event.type} not published: ${String(error)}`);
    });
  }
}
