import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfigOrExit } from '../config/load-config-or-exit';
import { dataSourceOptions } from '../database/data-source-options';
import { EncryptionService } from './encryption.service';
import { KeyRotation } from './key-rotation.service';

/**
 * `npm run keys:rotate`: after adding a new key to ENCRYPTION_KEYS and making it active
 * (ENCRYPTION_ACTIVE_KEY_ID, or first in the list), re-encrypts every bot token and TOTP secret
 * still on an older key. Safe to run again or while the API and workers run; remove the old key
 * from ENCRYPTION_KEYS only after a run reports no failures. Prints counts, never secrets.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const dataSource = await new DataSource(dataSourceOptions(config.database)).initialize();
  try {
    const reports = await new KeyRotation(dataSource, new EncryptionService(config)).rotateAll();
    let failures = 0;
    for (const report of reports) {
      failures += report.failed.length;
      process.stdout.write(
        `${report.label}: ${report.rotated} re-encrypted with key "${config.encryption.activeKeyId}"` +
          (report.failed.length > 0
            ? `; ${report.failed.length} unreadable (ids ${report.failed.join(', ')}): ` +
              'tampered, or encrypted with a key no longer in ENCRYPTION_KEYS\n'
            : '\n'),
      );
    }
    process.exitCode = failures > 0 ? 1 : 0;
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Key rotation failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
