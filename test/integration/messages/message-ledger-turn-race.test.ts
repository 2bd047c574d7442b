import { DataSource } from 'typeorm';
import { Message } from '../../../src/messages/entities/message.entity';
import { MessageLedger } from '../../../src/messages/message-ledger.service';
import { BotFactory, ChatFactory } from '../../support/factories/chat-message.factory';
import { TestDatabase } from '../../support/test-database';

/** Five "workers", each with its own pool of 4 connections: 20 inserts run on 20 connections. */
const WORKERS = 5;
const ATTEMPTS = 20;

describe('MessageLedger.insertOncePerTurn under concurrent runs of one turn (real PostgreSQL)', () => {
  let db: TestDatabase;
  let workers: DataSource[];
  let ledgers: MessageLedger[];
  let botId: number;

  beforeAll(async () => {
    db = await TestDatabase.migrated('turn_race');
    workers = await Promise.all(Array.from({ length: WORKERS }, () => db.dataSource()));
    ledgers = workers.map((ds) => new MessageLedger(ds));
    botId = (await BotFactory.create(workers[0])).id;
    // Every insert is held 200 ms after it has started, so all attempts are in flight together.
    // A check before inserting (NOT EXISTS) then lets every one of them through — 20 rows — and
    // only the unique index can refuse all but one.
    await workers[0].query(
      `CREATE FUNCTION test_slow_insert() RETURNS trigger LANGUAGE plpgsql
         AS $$ BEGIN PERFORM pg_sleep(0.2); RETURN NEW; END $$`,
    );
    await workers[0].query(
      `CREATE TRIGGER test_slow_insert BEFORE INSERT ON messages
         FOR EACH ROW EXECUTE FUNCTION test_slow_insert()`,
    );
  });
  afterAll(async () => {
    await Promise.all(workers.map((ds) => ds.destroy()));
    await db.drop();
  });

  const attempt = (i: number, chatDbId: number, turnKey: string) =>
    ledgers[i % WORKERS].insertOncePerTurn(
      workers[0].getRepository(Message).create({
        botId,
        chatDbId,
        text: `run ${i}`,
        msgMetadata: { turn_key: turnKey },
      }),
    );

  async function rowsOf(chatDbId: number, turnKey: string): Promise<{ id: number }[]> {
    return workers[0].query<{ id: number }[]>(
      `SELECT id FROM messages WHERE chat_db_id = $1 AND msg_metadata->>'turn_key' = $2`,
      [chatDbId, turnKey],
    );
  }

  it('writes exactly one row when many runs of the same turn insert at once', async () => {
    const chatDbId = (await ChatFactory.create(workers[0])).id;
    const results = await Promise.all(
      Array.from({ length: ATTEMPTS }, (_, i) => attempt(i, chatDbId, 'turn-race-1')),
    );
    const written = results.filter((r) => r !== null);
    expect(written).toHaveLength(1);
    expect(results.filter((r) => r === null)).toHaveLength(ATTEMPTS - 1);
    expect(await rowsOf(chatDbId, 'turn-race-1')).toEqual([{ id: written[0]?.id }]);
  });

  it('lets the same turn key write once in each chat, at once', async () => {
    const chats = await Promise.all(
      Array.from({ length: ATTEMPTS / 2 }, async () => (await ChatFactory.create(workers[0])).id),
    );
    // Two runs per chat: one row each.
    const results = await Promise.all(
      [...chats, ...chats].map((chatDbId, i) => attempt(i, chatDbId, 'turn-race-2')),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(chats.length);
    for (const chatDbId of chats) {
      expect(await rowsOf(chatDbId, 'turn-race-2')).toHaveLength(1);
    }
  });
});
