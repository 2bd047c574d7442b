import { DataSource } from 'typeorm';
import { TestDatabase } from '../../support/test-database';

describe('migration MessagesSentBotTextIndex', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await TestDatabase.migrated('msg_index');
    ds = await db.dataSource();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  const definition = async (): Promise<string | undefined> =>
    (
      await ds.query<{ indexdef: string }[]>(
        `SELECT indexdef FROM pg_indexes WHERE indexname = 'IDX_messages_sent_bot_text_created'`,
      )
    )[0]?.indexdef;

  it('creates a partial covering index, and down() removes it', async () => {
    expect(await definition()).toContain('INCLUDE (bot_id, chat_db_id)');
    expect(await definition()).toContain("WHERE ((state = 'sent'::message_state)");
    // Revert back through this migration, whatever later migrations came after it.
    const applied = async () => {
      const rows = await ds.query<unknown[]>(
        `SELECT 1 FROM typeorm_migrations WHERE name LIKE 'MessagesSentBotTextIndex%'`,
      );
      return rows.length > 0;
    };
    while (await applied()) {
      await ds.undoLastMigration({ transaction: 'each' });
    }
    expect(await definition()).toBeUndefined();
    await ds.runMigrations({ transaction: 'each' });
    expect(await definition()).toBeDefined();
  });

  it('serves the per-minute counts with an index-only scan', async () => {
    await ds.query(
      `INSERT INTO messages (bot_id, text, state, created_at)
       SELECT NULL, 'x', 'sent', now() - g * interval '1 second' FROM generate_series(1, 2000) g`,
    );
    await ds.query('VACUUM ANALYZE messages');
    const plan = await ds.query<{ 'QUERY PLAN': string }[]>(
      `EXPLAIN SELECT bot_id, count(*) FROM messages
       WHERE created_at >= now() - interval '1 hour'
         AND state = 'sent' AND bot_id IS NOT NULL AND kind = 'text'
       GROUP BY bot_id`,
    );
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain(
      'Index Only Scan using "IDX_messages_sent_bot_text_created"',
    );
  });
});
