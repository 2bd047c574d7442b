import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { runMigrateCommand } from '../../support/migrate-command';
import { TestDatabase } from '../../support/test-database';

// Two processes compile and start through ts-node on a machine that may be busy.
jest.setTimeout(120_000);

/**
 * The migrations step (the compose service, the Kubernetes Job, npm run migration:run) takes the
 * migration advisory lock: two of them started at once on an empty database apply every
 * migration once, and both succeed. (Without the lock both create the tables and one fails.)
 */
describe('migrations step (src/database/migrate.ts)', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await TestDatabase.create('migrate_cmd');
  });
  afterAll(async () => {
    await ds?.destroy();
    await db.drop();
  });

  it('run twice at once on an empty database applies everything once, and both exit 0', async () => {
    const env = { DATABASE_URL: db.url, DATABASE_POOL_SIZE: '3' };
    const results = await Promise.all([runMigrateCommand(env), runMigrateCommand(env)]);

    // On failure the outputs are printed with the codes.
    expect(results).toEqual([
      expect.objectContaining({ code: 0 }),
      expect.objectContaining({ code: 0 }),
    ]);
    ds = await db.dataSource();
    const all = ds.migrations.map((m) => m.name ?? m.constructor.name).sort();
    const appliers = results.filter((r) => r.output.includes('Applied'));
    expect(appliers).toHaveLength(1);
    const [applier] = appliers;
    const other = results.find((r) => r !== applier);
    expect(applier.output).toContain(`Applied ${all.length} migration(s): `);
    for (const name of all) {
      expect(applier.output).toContain(name);
    }
    expect(other?.output).toContain('No pending migrations: the schema is current');

    const rows = await ds.query<{ name: string }[]>('SELECT name FROM typeorm_migrations');
    expect(rows.map((r) => r.name).sort()).toEqual(all);
    expect(await ds.showMigrations()).toBe(false);
  });

  it('is what npm run migration:run and migration:run:dist run', () => {
    const scripts = (
      JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(scripts['migration:run']).toBe('ts-node --transpile-only src/database/migrate.ts');
    expect(scripts['migration:run:dist']).toBe('node dist/src/database/migrate.js');
  });
});
