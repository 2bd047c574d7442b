import { DataSource } from 'typeorm';
import { TestDatabase } from '../../support/test-database';

describe('migrations', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await TestDatabase.create('migrations');
    ds = await db.dataSource();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  async function tables(): Promise<string[]> {
    const rows: { table_name: string }[] = await ds.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    return rows.map((r) => r.table_name);
  }

  it('apply on an empty database, revert completely, and apply again', async () => {
    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied.length).toBeGreaterThan(0);
    expect(await tables()).toEqual(
      expect.arrayContaining([
        'api_keys',
        'api_sessions',
        'api_users',
        'audit_log',
        'bot_holdings',
        'bot_memories',
        'bot_stances',
        'bots',
        'chat_bots',
        'chats',
        'llm_usage',
        'messages',
        'settings',
        'system_checks',
      ]),
    );

    for (let i = 0; i < applied.length; i++) {
      await ds.undoLastMigration({ transaction: 'each' });
    }
    expect(await tables()).toEqual(['typeorm_migrations']);
    const types: { typname: string }[] = await ds.query(
      `SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname = 'public' AND t.typtype = 'e'`,
    );
    expect(types).toEqual([]);

    expect((await ds.runMigrations({ transaction: 'each' })).length).toBe(applied.length);
  });

  it('leave the schema exactly as the entities describe it (no drift)', async () => {
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });
});
