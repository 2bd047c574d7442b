import {
  Check,
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
import { Bot } from './bot.entity';

/** A bot's position on a topic; the consistency guard keeps its messages in line with it. */
@Entity('bot_stances')
@Index('UQ_bot_stances_bot_topic', ['botId', 'topic'], { unique: true })
@Check('CHK_bot_stances_confidence', '"confidence" >= 0 AND "confidence" <= 1')
export class BotStance {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  botId!: number;

  @ManyToOne(() => Bot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bot_id' })
  bot?: Relation<Bot>;

  @Column({ type: 'varchar', length: 100 })
  topic!: string;

  @Column({ type: 'text' })
  stanceText!: string;

  @Column({ type: 'real', default: 0.7 })
  confidence!: number;

  /** While in the future, the engine does not pick this topic for the bot (no flip-flopping). */
  @Column({ type: 'timestamptz', nullable: true })
  cooldownUntil!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
