import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const DEFAULT_CHAT_TOPICS = ['BIST', 'FX', 'Kripto', 'Makro'];

/** A Telegram group the bots talk in. */
@Entity('chats')
export class Chat {
  @PrimaryGeneratedColumn()
  id!: number;

  /**
   * Telegram's chat id. Supergroup ids exceed 2^32 (-100…), so bigint; they stay below 2^53 as
   * Telegram guarantees, which is why int8 is parsed to a JS number (see database/pg-types.ts).
   * A `migrate_to_chat_id` answer from Telegram updates it in place.
   */
  @Index('UQ_chats_chat_id', { unique: true })
  @Column({ type: 'bigint' })
  chatId!: number;

  @Column({ type: 'varchar', length: 255, nullable: true })
  title!: string | null;

  @Column({ type: 'boolean', default: true })
  isEnabled!: boolean;

  // Written as PostgreSQL prints it back (with spaces), so schema diffs see no change.
  @Column({ type: 'jsonb', default: () => `'["BIST", "FX", "Kripto", "Makro"]'` })
  topics!: string[];

  /** IANA timezone overriding the `timezone` setting for this chat; null uses the setting. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  timezone!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
