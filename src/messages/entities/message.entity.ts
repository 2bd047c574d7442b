import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Bot } from '../../bots/entities/bot.entity';
import { Chat } from '../../chats/entities/chat.entity';

/**
 * Delivery state of a message. Bot messages move planned → generating → sending → one final
 * state; a human message is stored directly as `sent`. Transitions are compare-and-set
 * (UPDATE … WHERE state = expected) so a retried job can never send twice.
 */
export enum MessageState {
  Planned = 'planned',
  Generating = 'generating',
  Sending = 'sending',
  Sent = 'sent',
  Failed = 'failed',
  Skipped = 'skipped',
  /** The send request left but no answer came back: it may or may not have arrived. Never resent. */
  Unknown = 'unknown',
}

export const FINAL_MESSAGE_STATES: readonly MessageState[] = [
  MessageState.Sent,
  MessageState.Failed,
  MessageState.Skipped,
  MessageState.Unknown,
];

export enum MessageKind {
  Text = 'text',
  /** An emoji reaction (setMessageReaction) on the message `reply_to_message_id`. */
  Reaction = 'reaction',
}

/** Free-form context kept with a message (the REST contract exposes it as msg_metadata). */
export interface MessageMetadata {
  topic?: string;
  symbols?: string[];
  keywords?: string[];
  sentiment?: number;
  is_incoming?: boolean;
  from_user_id?: number;
  username?: string;
  [key: string]: unknown;
}

/** One message in a chat: a bot's (bot_id set) or a real member's (bot_id null). */
@Entity('messages')
@Index('IDX_messages_chat_created', ['chatDbId', 'createdAt'])
@Index('IDX_messages_bot_created', ['botId', 'createdAt'])
@Index('IDX_messages_created', ['createdAt'])
@Index('UQ_messages_chat_telegram_id', ['chatDbId', 'telegramMessageId'], {
  unique: true,
  where: '"telegram_message_id" IS NOT NULL',
})
/** Trigram GIN index on text for the logs search; created by hand in the migration. */
@Index('IDX_messages_text_trgm', { synchronize: false })
/** Sent bot text rows, covering bot and chat: metrics and time series; created by hand. */
@Index('IDX_messages_sent_bot_text_created', { synchronize: false })
/**
 * One row per turn and chat: unique on (chat_db_id, msg_metadata->>'turn_key') where the key is
 * set, the arbiter of MessageLedger.insertOncePerTurn; an expression index, created by hand.
 */
@Index('UQ_messages_chat_turn_key', { synchronize: false })
@Index('IDX_messages_in_flight', ['state', 'updatedAt'], {
  where: `"state" IN ('planned', 'generating', 'sending')`,
})
export class Message {
  // Identity, not serial: TypeORM turns generated serial bigint ids into strings (its #720).
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'BY DEFAULT' })
  id!: number;

  /** Null for a human's message, or after the bot was deleted (history is kept). */
  @Column({ type: 'int', nullable: true })
  botId!: number | null;

  @ManyToOne(() => Bot, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'bot_id' })
  bot?: Relation<Bot> | null;

  @Column({ type: 'int', nullable: true })
  chatDbId!: number | null;

  @ManyToOne(() => Chat, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'chat_db_id' })
  chat?: Relation<Chat> | null;

  @Column({ type: 'enum', enum: MessageKind, enumName: 'message_kind', default: MessageKind.Text })
  kind!: MessageKind;

  @Column({ type: 'bigint', nullable: true })
  telegramMessageId!: number | null;

  @Column({ type: 'text', default: '' })
  text!: string;

  /** Telegram id of the message this one replies to (or reacts to). */
  @Column({ type: 'bigint', nullable: true })
  replyToMessageId!: number | null;

  /** Our id of the message this one replies to, for threading in the dashboard. */
  @Column({ type: 'bigint', nullable: true })
  replyToDbId!: number | null;

  @ManyToOne(() => Message, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'reply_to_db_id' })
  replyTo?: Relation<Message> | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  msgMetadata!: MessageMetadata;

  @Column({
    type: 'enum',
    enum: MessageState,
    enumName: 'message_state',
    default: MessageState.Planned,
  })
  state!: MessageState;

  /** Why the message is failed, skipped or unknown (machine-readable code plus detail). */
  @Column({ type: 'text', nullable: true })
  stateReason!: string | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
