import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';
import { ApiUser, Role } from '../../users/entities/api-user.entity';

/**
 * A named API key of a user. The raw key is `pk_<prefix>_<secret>`, shown once; we keep the prefix
 * (for lookup and display) and the SHA-256 of the whole key. A role cap limits the key below its
 * user's role.
 */
@Entity('api_keys')
@Index('IDX_api_keys_user', ['userId'])
export class ApiKey {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  userId!: number;

  @ManyToOne(() => ApiUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<ApiUser>;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Index('UQ_api_keys_prefix', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  prefix!: string;

  /** Hex SHA-256 of the whole raw key (keys are high-entropy, so a fast hash is right here). */
  @Column({ type: 'char', length: 64 })
  keyHash!: string;

  @Column({ type: 'enum', enum: Role, enumName: 'user_role', nullable: true })
  roleCap!: Role | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
