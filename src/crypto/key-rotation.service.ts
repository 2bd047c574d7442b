import { DataSource } from 'typeorm';
import { AssociatedData } from './associated-data';
import { DecryptionError, EncryptionService } from './encryption.service';

/** One encrypted column: where it is and how its rows are bound (associated data). */
interface EncryptedColumn {
  label: string;
  table: string;
  column: string;
  aad: (id: number) => string;
}

const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  { label: 'bot tokens', table: 'bots', column: 'token_ciphertext', aad: AssociatedData.botToken },
  {
    label: 'TOTP secrets',
    table: 'api_users',
    column: 'mfa_secret_ciphertext',
    aad: AssociatedData.userMfaSecret,
  },
];

export interface RotationReport {
  label: string;
  rotated: number;
  /** Rows that could not be decrypted (tampered, moved, or their key is no longer configured). */
  failed: number[];
}

/**
 * Re-encrypts every secret not on the active key, in batches of `batchSize` rows ordered by id.
 * Idempotent: rows already on the active key are not selected, and each row is written with a
 * compare-and-set on its old ciphertext, so a concurrent change (or a second rotation running at
 * the same time) is never overwritten. Unreadable rows are reported and left untouched.
 */
export class KeyRotation {
  constructor(
    private readonly dataSource: DataSource,
    private readonly encryption: EncryptionService,
    private readonly batchSize = 200,
  ) {}

  async rotateAll(): Promise<RotationReport[]> {
    const reports: RotationReport[] = [];
    for (const column of ENCRYPTED_COLUMNS) {
      reports.push(await this.rotate(column));
    }
    return reports;
  }

  private async rotate(column: EncryptedColumn): Promise<RotationReport> {
    const active = this.encryption.currentKeyId;
    if (!active) {
      throw new Error('ENCRYPTION_KEYS is empty: there is no key to rotate to');
    }
    const report: RotationReport = { label: column.label, rotated: 0, failed: [] };
    const activePrefix = `v1:${active}:`;
    let lastId = 0;
    for (;;) {
      const rows = await this.dataSource.query<{ id: number; ciphertext: string }[]>(
        `SELECT id, "${column.column}" AS ciphertext FROM "${column.table}"
          WHERE id > $1 AND "${column.column}" IS NOT NULL AND left("${column.column}", $2) <> $3
          ORDER BY id LIMIT $4`,
        [lastId, activePrefix.length, activePrefix, this.batchSize],
      );
      if (rows.length === 0) {
        return report;
      }
      for (const row of rows) {
        lastId = row.id;
        let plaintext: string;
        try {
          plaintext = this.encryption.decrypt(row.ciphertext, column.aad(row.id));
        } catch (error) {
          if (error instanceof DecryptionError) {
            report.failed.push(row.id);
            continue;
          }
          throw error;
        }
        const fresh = this.encryption.encrypt(plaintext, column.aad(row.id));
        const [, affected] = await this.dataSource.query<[unknown, number]>(
          `UPDATE "${column.table}" SET "${column.column}" = $1 WHERE id = $2 AND "${column.column}" = $3`,
          [fresh, row.id, row.ciphertext],
        );
        report.rotated += affected;
      }
    }
  }
}
