import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum SystemCheckStatus {
  Passed = 'passed',
  Failed = 'failed',
}

/** The result of one run of the system self-check. */
@Entity('system_checks')
@Index('IDX_system_checks_created', ['createdAt'])
export class SystemCheck {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'enum', enum: SystemCheckStatus, enumName: 'system_check_status' })
  status!: SystemCheckStatus;

  @Column({ type: 'int', default: 0 })
  totalSteps!: number;

  @Column({ type: 'int', default: 0 })
  passedSteps!: number;

  @Column({ type: 'int', default: 0 })
  failedSteps!: number;

  /** Seconds the check took. */
  @Column({ type: 'double precision', default: 0 })
  duration!: number;

  @Column({ type: 'varchar', length: 100, nullable: true })
  triggeredBy!: string | null;

  /** `{steps: [...], health_checks: [...]}` as the original reported them. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
