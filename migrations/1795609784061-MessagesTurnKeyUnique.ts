import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per turn and chat, enforced by the database: a unique partial index on
 * (chat_db_id, msg_metadata->>'turn_key'). MessageLedger.insertOncePerTurn inserts with
 * ON CONFLICT DO NOTHING on it, so two runs of one turn inserting at the same instant can no
 * longer both succeed (its former NOT EXISTS check could not see an uncommitted row).
 * Declared in the Message entity with synchronize: false (TypeORM cannot express an expression
 * index).
 *
 * Rows written before the index may already break it. None is deleted: a duplicate may have
 * reached Telegram, and the ledger is the operators' record of what was sent. Per (chat, turn key)
 * the row that counts keeps the key — the sent one (the one members saw), else the first written —
 * and every other row is re-keyed to `<key>#dup-<id>`, unique by its id, with the original key in
 * `duplicate_of_turn_key`. A re-keyed row still reads as a turn's row (not as one written outside a
 * turn) and the original key finds the whole group. Rows without a chat are left alone: NULLs
 * never collide in a unique index.
 *
 * Built CONCURRENTLY, hence `transaction = false`: the table holds millions of rows and a plain
 * CREATE INDEX would block every ledger write (turns, sends, human messages) for the whole build,
 * while the old workers keep running during a rolling upgrade. Without a transaction each statement
 * commits alone, so up() is written to be run again after an interruption: a failed concurrent
 * build leaves an INVALID index behind (e.g. an old worker wrote a new duplicate between the
 * re-keying and the build), which is dropped first, and the re-keying only touches rows that still
 * collide. Running it again (the next start, or migration:run) completes it. (The build waits for
 * every older snapshot: runMigrationsLocked waits for its lock without holding one.)
 */
export class MessagesTurnKeyUnique1795609784061 implements MigrationInterface {
  name = 'MessagesTurnKeyUnique1795609784061';
  transaction = false;

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP INDEX CONCURRENTLY IF EXISTS "public"."UQ_messages_chat_turn_key"`,
    );
    await queryRunner.query(
      `WITH ranked AS (
         SELECT "id", "msg_metadata"->>'turn_key' AS "turn_key",
                row_number() OVER (
                  PARTITION BY "chat_db_id", "msg_metadata"->>'turn_key'
                  ORDER BY ("state" = 'sent') DESC, "id"
                ) AS "rank"
           FROM "messages"
          WHERE "chat_db_id" IS NOT NULL AND "msg_metadata"->>'turn_key' IS NOT NULL
       )
       UPDATE "messages" m
          SET "msg_metadata" = m."msg_metadata" || jsonb_build_object(
                'turn_key', r."turn_key" || '#dup-' || m."id",
                'duplicate_of_turn_key', r."turn_key")
         FROM ranked r
        WHERE m."id" = r."id" AND r."rank" > 1`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX CONCURRENTLY "UQ_messages_chat_turn_key" ON "messages" ("chat_db_id", ("msg_metadata"->>'turn_key')) WHERE "msg_metadata" ? 'turn_key'`,
    );
  }

  /**
   * TypeORM reverts inside a transaction whatever `transaction` says, so the index is dropped
   * plainly (a short exclusive lock, not a build). The re-keyed duplicates get their original key
   * back, which leaves the table as it was before up().
   */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."UQ_messages_chat_turn_key"`);
    await queryRunner.query(
      `UPDATE "messages"
          SET "msg_metadata" = ("msg_metadata" - 'duplicate_of_turn_key')
                || jsonb_build_object('turn_key', "msg_metadata"->'duplicate_of_turn_key')
        WHERE "msg_metadata" ? 'duplicate_of_turn_key'`,
    );
  }
}
