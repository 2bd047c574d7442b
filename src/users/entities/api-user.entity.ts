import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** Roles in increasing power: each role can do everything the ones before it can. */
export enum Role {
  Viewer = 'viewer',
  Operator = 'operator',
  Admin = 'admin',
}

export const ROLE_RANK: Record<Role, number> = {
  [Role.Viewer]: 1,
  [Role.Operator]: 2,
  [Role.Admin]: 3,
};

/** A person (or automation account) allowed to use the API and dashboard. */
@Entity('api_users')
@Index('UQ_api_users_username_lower', { synchronize: false })
export class ApiUser {
  @PrimaryGeneratedColumn()
  id!: number;

  /** Unique case-insensitively (expression index on lower(username) in the migration). */
  @Column({ type: 'varchar', length: 64 })
  username!: string;

  /** argon2id hash. */
  @Column({ type: 'text' })
  passwordHash!: string;

  @Column({ type: 'enum', enum: Role, enumName: 'user_role', default: Role.Viewer })
  role!: Role;

  /** TOTP secret as AES-GCM ciphertext; null until enrolment starts. */
  @Column({ type: 'text', nullable: true })
  mfaSecretCiphertext!: string | null;

  /** True once the user confirmed enrolment with a valid code; login then requires a code. */
  @Column({ type: 'boolean', default: false })
  mfaEnabled!: boolean;

  /** Last accepted TOTP time step: a code is accepted once (compare-and-set on this column). */
  @Column({ type: 'bigint', nullable: true })
  mfaLastUsedStep!: number | null;

  @Column({ type: 'boolean', default: true })
  isActive!: boolean;

  /** Soft delete: the row stays for the audit trail; the user can no longer log in. */
  @Column({ type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  passwordChangedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
