import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One typed setting; the registry (settings.registry.ts) defines keys, types and defaults. */
@Entity('settings')
export class Setting {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  key!: string;

  /** The value as a real JSON type (never a "false" string). */
  @Column({ type: 'jsonb' })
  value!: unknown;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
