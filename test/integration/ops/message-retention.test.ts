import { DataSource } from 'typeorm';
import { MessageRetentionService } from '../../../src/maintenance/message-retention.service';
import { MessageState } from '../../../src/messages/entities/message.entity';
import { MetricsRegistry } from '../../../src/observability/metrics.registry';
import { Setting } from '../../../src/settings/entities/setting.entity';
import { TestDatabase } from '../../support/test-database';

// The project-level testTimeout does not reach hooks and tests here; the machine may be busy.
jest.setTimeout(60_000);

const NOW = new Date('2026-06-15T12:00:00Z');
const DAY = 24 * 3600 * 1000;

describe('maintenance.retention (MessageRetentionService)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let metrics: MetricsRegistry;
  let service: MessageRetentionService;

  beforeAll(async () => {
    db = await TestDatabase.migrated('retention');
    ds = await db.dataSource();
    metrics = new MetricsRegistry();
    service = new MessageRetentionService(ds.getRepository(Setting), ds, metrics);
  }, 60_000);
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  }, 60_000);

  beforeEach(async () => {
    await ds.query('DELETE FROM messages');
    await ds.query('DELETE FROM settings');
  });

  async function insert(text: string, ageDays: number, state: MessageState): Promise<void> {
    await ds.query(
      `INSERT INTO messages (text, state, created_at, updated_at) VALUES ($1, $2, $3, $3)`,
      [text, state, new Date(NOW.getTime() - ageDays * DAY)],
    );
  }

  async function texts(): Promise<string[]> {
    const rows = await ds.query<{ text: string }[]>('SELECT text FROM messages ORDER BY text');
    return rows.map((r) => r.text);
  }

  async function setRetention(days: number): Promise<void> {
    await ds.getRepository(Setting).save({ key: 'message_retention_days', value: days });
  }

  it('keeps everything while message_retention_days is 0 (the default)', async () => {
    await insert('very-old', 4000, MessageState.Sent);
    await expect(service.purge(NOW)).resolves.toEqual({
      retentionDays: 0,
      cutoff: null,
      deleted: 0,
    });
    expect(await texts()).toEqual(['very-old']);
  });

  it('deletes final-state messages older than the setting and keeps new and in-flight ones', async () => {
    await setRetention(30);
    await insert('old-sent', 31, MessageState.Sent);
    await insert('old-failed', 45, MessageState.Failed);
    await insert('old-skipped', 90, MessageState.Skipped);
    await insert('old-unknown', 40, MessageState.Unknown);
    await insert('old-sending', 31, MessageState.Sending);
    await insert('new-sent', 29, MessageState.Sent);
    await insert('new-planned', 1, MessageState.Planned);

    const run = await service.purge(NOW);

    expect(run).toEqual({
      retentionDays: 30,
      cutoff: new Date(NOW.getTime() - 30 * DAY).toISOString(),
      deleted: 4,
    });
    expect(await texts()).toEqual(['new-planned', 'new-sent', 'old-sending']);
    const exposition = (await metrics.exposition()).body;
    expect(exposition).toContain('piyasa_retention_deleted_messages_total 4');
  });

  it('works in batches until nothing old is left, and keeps replies to deleted messages', async () => {
    await setRetention(7);
    for (let i = 0; i < 7; i++) {
      await insert(`old-${i}`, 10 + i, MessageState.Sent);
    }
    await insert('reply', 1, MessageState.Sent);
    await ds.query(
      `UPDATE messages SET reply_to_db_id = (SELECT id FROM messages WHERE text = 'old-0')
       WHERE text = 'reply'`,
    );

    const run = await service.purge(NOW, { batchSize: 3 });

    expect(run.deleted).toBe(7);
    expect(await texts()).toEqual(['reply']);
    const [reply] = await ds.query<{ reply_to_db_id: string | null }[]>(
      `SELECT reply_to_db_id FROM messages WHERE text = 'reply'`,
    );
    expect(reply.reply_to_db_id).toBeNull();
  });

  it('stops after maxBatches and leaves the rest for the next run', async () => {
    await setRetention(1);
    for (let i = 0; i < 5; i++) {
      await insert(`old-${i}`, 2, MessageState.Sent);
    }
    expect((await service.purge(NOW, { batchSize: 2, maxBatches: 1 })).deleted).toBe(2);
    expect((await texts()).length).toBe(3);
    expect((await service.purge(NOW, { batchSize: 2 })).deleted).toBe(3);
    expect(await texts()).toEqual([]);
  });
});
