import { DataSource } from 'typeorm';
import { MessagesTurnKeyUnique1795609784061 } from '../../../migrations/1795609784061-MessagesTurnKeyUnique';
import {
  Message,
  MessageMetadata,
  MessageState,
} from '../../../src/messages/entities/message.entity';
import { MessageLedger } from '../../../src/messages/message-ledger.service';
import {
  BotFactory,
  ChatFactory,
  MessageFactory,
} from '../../support/factories/chat-message.factory';
import { TestDatabase } from '../../support/test-database';

const MIGRATION = new MessagesTurnKeyUnique1795609784061().name;
const INDEX = 'UQ_messages_chat_turn_key';

interface Row {
  id: number;
  chat_db_id: number | null;
  state: MessageState;
  text: string;
  msg_metadata: MessageMetadata;
}

describe('migration MessagesTurnKeyUnique on a ledger that already holds duplicate turns', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await TestDatabase.migrated('turn_key_migration');
    ds = await db.dataSource();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  async function executed(): Promise<string[]> {
    const rows = await ds.query<{ name: string }[]>(`SELECT name FROM typeorm_migrations`);
    return rows.map((r) => r.name);
  }

  /** Reverts down to (and including) this migration, whatever came after it. */
  async function revertTurnKeyMigration(): Promise<void> {
    while ((await executed()).includes(MIGRATION)) {
      await ds.undoLastMigration({ transaction: 'each' });
    }
  }

  async function rows(): Promise<Row[]> {
    return ds.query<Row[]>(
      `SELECT id, chat_db_id, state, text, msg_metadata FROM messages ORDER BY id`,
    );
  }

  async function index(): Promise<{ indisvalid: boolean; indisunique: boolean } | undefined> {
    const found = await ds.query<{ indisvalid: boolean; indisunique: boolean }[]>(
      `SELECT i.indisvalid, i.indisunique FROM pg_index i
        JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = $1`,
      [INDEX],
    );
    return found[0];
  }

  it('keeps every row, the key on one row per chat and turn (the sent one), and reverts', async () => {
    await revertTurnKeyMigration();
    expect(await index()).toBeUndefined();

    const botId = (await BotFactory.create(ds)).id;
    const [chatA, chatB] = [(await ChatFactory.create(ds)).id, (await ChatFactory.create(ds)).id];
    const seed = async (
      chatDbId: number | null,
      state: MessageState,
      msgMetadata: MessageMetadata,
      keeps: boolean,
    ) => ({
      id: (await MessageFactory.create(ds, { botId, chatDbId, state, msgMetadata })).id,
      keeps,
    });
    const seeded = [
      // Sent beats written first: members saw the sent one.
      await seed(chatA, MessageState.Skipped, { turn_key: 'turn-1' }, false),
      await seed(chatA, MessageState.Sent, { turn_key: 'turn-1', topic: 'altın' }, true),
      await seed(chatA, MessageState.Planned, { turn_key: 'turn-1', topic: 'dolar' }, false),
      // No sent row: the first written keeps the key.
      await seed(chatA, MessageState.Failed, { turn_key: 'turn-2' }, true),
      await seed(chatA, MessageState.Unknown, { turn_key: 'turn-2' }, false),
      // Two sent rows: the first written.
      await seed(chatA, MessageState.Sent, { turn_key: 'turn-3' }, true),
      await seed(chatA, MessageState.Sent, { turn_key: 'turn-3' }, false),
      // The same key in another chat, rows without a chat (they never collide), no key at all.
      await seed(chatB, MessageState.Planned, { turn_key: 'turn-1' }, true),
      await seed(null, MessageState.Sent, { turn_key: 'turn-1' }, true),
      await seed(null, MessageState.Sent, { turn_key: 'turn-1' }, true),
      await seed(chatA, MessageState.Sent, { topic: 'borsa' }, true),
    ];
    const before = await rows();

    // An earlier run whose concurrent build failed on the duplicates left an invalid index.
    await expect(
      ds.query(
        `CREATE UNIQUE INDEX CONCURRENTLY "${INDEX}" ON messages (chat_db_id, (msg_metadata->>'turn_key')) WHERE msg_metadata ? 'turn_key'`,
      ),
    ).rejects.toThrow(/could not create unique index/);
    expect(await index()).toEqual({ indisvalid: false, indisunique: true });

    expect(await ds.runMigrations({ transaction: 'each' })).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: MIGRATION })]),
    );
    expect(await index()).toEqual({ indisvalid: true, indisunique: true });

    const after = await rows();
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    for (const [i, row] of after.entries()) {
      const original = before[i];
      const { keeps } = seeded.find((s) => s.id === row.id) as { keeps: boolean };
      expect({ ...row, msg_metadata: undefined }).toEqual({ ...original, msg_metadata: undefined });
      expect(row.msg_metadata).toEqual(
        keeps
          ? original.msg_metadata
          : {
              ...original.msg_metadata,
              turn_key: `${String(original.msg_metadata.turn_key)}#dup-${row.id}`,
              duplicate_of_turn_key: original.msg_metadata.turn_key,
            },
      );
    }

    // The index is the ledger's arbiter now: a late run of a kept turn is refused.
    const late = ds.getRepository(Message).create({
      botId,
      chatDbId: chatA,
      msgMetadata: { turn_key: 'turn-2' },
    });
    expect(await new MessageLedger(ds).insertOncePerTurn(late)).toBeNull();

    await revertTurnKeyMigration();
    expect(await index()).toBeUndefined();
    expect(await rows()).toEqual(before);
  });
});
