import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who changed what, when and from where. Never holds a secret. */
@Entity('audit_log')
@Index('IDX_audit_log_created', ['createdAt'])
@Index('IDX_audit_log_resource', ['resourceType', 'resourceId'])
@Index('IDX_audit_log_actor', ['actorUserId', 'createdAt'])
export class AuditLog {
  // Identity, not serial: TypeORM turns generated serial bigint ids into strings (its #720).
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'BY DEFAULT' })
  id!: number;

  /** No foreign key: the trail outlives users and keys. */
  @Column({ type: 'int', nullable: true })
  actorUserId!: number | null;

  @Column({ type: 'int', nullable: true })
  actorApiKeyId!: number | null;

  /** Username at the time of the action (or "system"). */
  @Column({ type: 'varchar', length: 100 })
  actorLabel!: string;

  /** Verb such as "bot.create", "settings.update", "auth.login". */
  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ type: 'varchar', length: 64 })
  resourceType!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  resourceId!: string | null;

  /** What changed (field names and non-secret values). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ type: 'varchar', length: 512, nullable: true })
  userAgent!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
