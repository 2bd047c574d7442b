import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export enum BotStatus {
  Active = 'active',
  Paused = 'paused',
  /** Telegram rejected the bot (token revoked, bot kicked everywhere); see last_error. */
  Error = 'error',
}

/**
 * A Telegram bot with its persona. A bot without a token runs on the sandbox transport.
 * The token is stored only as AES-GCM ciphertext; `token_hint` ("1234…wxyz") lets lists show a
 * masked token without decrypting anything, and `token_fingerprint` (SHA-256) keeps two bots from
 * sharing one token.
 */
@Entity('bots')
export class Bot {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'text', nullable: true })
  tokenCiphertext!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  tokenHint!: string | null;

  @Index('UQ_bots_token_fingerprint', { unique: true, where: '"token_fingerprint" IS NOT NULL' })
  @Column({ type: 'char', length: 64, nullable: true })
  tokenFingerprint!: string | null;

  /** Telegram username without the leading "@". */
  @Column({ type: 'varchar', length: 64, nullable: true })
  username!: string | null;

  @Column({ type: 'boolean', default: true })
  isEnabled!: boolean;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  speedProfile!: Record<string, unknown>;

  /** List of "HH:MM-HH:MM" ranges in the configured timezone; empty means always. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  activeHours!: string[];

  @Column({ type: 'text', default: '' })
  personaHint!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  personaProfile!: Record<string, unknown>;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  emotionProfile!: Record<string, unknown>;

  /** Per-bot model override; null uses LLM_MODEL. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  llmModel!: string | null;

  /**
   * SHA-256 (hex) of the secret Telegram sends with each webhook delivery; null when the bot
   * receives updates by long polling (the default).
   */
  @Column({ type: 'char', length: 64, nullable: true })
  webhookSecretHash!: string | null;

  @Column({ type: 'enum', enum: BotStatus, enumName: 'bot_status', default: BotStatus.Active })
  status!: BotStatus;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastErrorAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
