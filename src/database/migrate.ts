import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfigOrExit } from '../config/load-config-or-exit';
import { dataSourceOptions } from './data-source-options';
import { runMigrationsLocked } from './run-migrations';

/**
 * The migrations step (`npm run migration:run`, `:dist`, the compose service, the Kubernetes Job):
 * applies pending migrations under the same advisory lock as an API replica started with
 * MIGRATIONS_RUN_ON_START, so any number of these steps and replicas running at once apply each
 * migration once. The TypeORM CLI's migration:run takes no lock: it is not used for this.
 * Exits 0 when the schema is current afterwards, 1 on a failure (the message says which).
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const dataSource = await new DataSource(dataSourceOptions(config.database)).initialize();
  try {
    const applied = await runMigrationsLocked(dataSource);
    process.stdout.write(
      applied.length > 0
        ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n`
        : 'No pending migrations: the schema is current\n',
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Migrations failed: ${(error as Error).message}\n` +
      'Fix the cause and run the step again: migrations applied before the failure stay applied, ' +
      'and an interrupted one is re-run from its start.\n',
  );
  process.exitCode = 1;
});
