import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * LLM usage per day, bot and model. One row per (day, bot, model): unique through an expression
 * index on (day, COALESCE(bot_id, 0), model) in the migration, so usage without a bot (news
 * briefs) has a row too. Writers upsert with ON CONFLICT on that expression.
 */
@Entity('llm_usage')
@Index('UQ_llm_usage_day_bot_model', { synchronize: false })
export class LlmUsage {
  @PrimaryGeneratedColumn()
  id!: number;

  /** UTC day, YYYY-MM-DD. */
  @Column({ type: 'date' })
  day!: string;

  /** No foreign key: usage (and its cost) is kept after a bot is deleted. */
  @Column({ type: 'int', nullable: true })
  botId!: number | null;

  @Column({ type: 'varchar', length: 100 })
  model!: string;

  @Column({ type: 'int', default: 0 })
  calls!: number;

  @Column({ type: 'int', default: 0 })
  failures!: number;

  @Column({ type: 'bigint', default: 0 })
  promptTokens!: number;

  @Column({ type: 'bigint', default: 0 })
  completionTokens!: number;

  @Column({ type: 'double precision', default: 0 })
  estimatedCostUsd!: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
