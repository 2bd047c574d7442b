import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Bot } from '../../bots/entities/bot.entity';
import { Chat } from './chat.entity';

export enum ChatBotStatus {
  /** The operator put this bot in this chat. */
  Member = 'member',
  /** Telegram refused the bot here (kicked, chat not found); it is no longer scheduled here. */
  Failed = 'failed',
}

/**
 * Which bots take part in which chat. Rule: if a chat has at least one `member` row, exactly those
 * bots take part; otherwise every enabled bot does (the original's behaviour). In both cases a
 * `failed` row excludes that bot from that chat until an operator clears it.
 */
@Entity('chat_bots')
@Index('IDX_chat_bots_bot', ['botId'])
export class ChatBot {
  @PrimaryColumn({ type: 'int' })
  chatDbId!: number;

  @PrimaryColumn({ type: 'int' })
  botId!: number;

  @ManyToOne(() => Chat, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'chat_db_id' })
  chat?: Relation<Chat>;

  @ManyToOne(() => Bot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bot_id' })
  bot?: Relation<Bot>;

  @Column({
    type: 'enum',
    enum: ChatBotStatus,
    enumName: 'chat_bot_status',
    default: ChatBotStatus.Member,
  })
  status!: ChatBotStatus;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastErrorAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
