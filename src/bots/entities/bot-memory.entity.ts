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

export enum MemoryType {
  PersonalFact = 'personal_fact',
  PastEvent = 'past_event',
  Relationship = 'relationship',
  Preference = 'preference',
  Routine = 'routine',
}

/** Something a bot "remembers" about itself, used in prompts by relevance and decayed over time. */
@Entity('bot_memories')
@Index('IDX_bot_memories_bot_relevance', ['botId', 'relevanceScore'])
@Check('CHK_bot_memories_relevance', '"relevance_score" >= 0 AND "relevance_score" <= 1')
export class BotMemory {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  botId!: number;

  @ManyToOne(() => Bot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bot_id' })
  bot?: Relation<Bot>;

  @Column({ type: 'enum', enum: MemoryType, enumName: 'memory_type' })
  memoryType!: MemoryType;

  @Column({ type: 'text' })
  content!: string;

  @Column({ type: 'real', default: 0.5 })
  relevanceScore!: number;

  @Column({ type: 'int', default: 0 })
  usageCount!: number;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
