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
import { Bot } from './bot.entity';

/** A position in a bot's simulated portfolio, quoted in its prompts. */
@Entity('bot_holdings')
@Index('UQ_bot_holdings_bot_symbol', ['botId', 'symbol'], { unique: true })
export class BotHolding {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  botId!: number;

  @ManyToOne(() => Bot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bot_id' })
  bot?: Relation<Bot>;

  @Column({ type: 'varchar', length: 32 })
  symbol!: string;

  @Column({ type: 'double precision', nullable: true })
  avgPrice!: number | null;

  @Column({ type: 'double precision', nullable: true })
  size!: number | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
