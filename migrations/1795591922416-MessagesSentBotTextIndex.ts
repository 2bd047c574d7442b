import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partial covering index over the rows that count as messages (sent bot text): the metrics'
 * messages-per-hour count and the per-minute time series read only the index (index-only scan,
 * bot_id and chat_db_id included), instead of visiting every row of the window in the table.
 * Declared in the Message entity with synchronize: false (TypeORM cannot express INCLUDE).
 */
export class MessagesSentBotTextIndex1795591922416 implements MigrationInterface {
  name = 'MessagesSentBotTextIndex1795591922416';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_messages_sent_bot_text_created" ON "messages" ("created_at") INCLUDE ("bot_id", "chat_db_id") WHERE "state" = 'sent' AND "bot_id" IS NOT NULL AND "kind" = 'text'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_messages_sent_bot_text_created"`);
  }
}
