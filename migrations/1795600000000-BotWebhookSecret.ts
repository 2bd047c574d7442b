import { MigrationInterface, QueryRunner } from 'typeorm';

/** A bot's webhook secret, as a SHA-256 hash: set when a webhook is registered (SPEC 7.9). */
export class BotWebhookSecret1795600000000 implements MigrationInterface {
  name = 'BotWebhookSecret1795600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bots" ADD "webhook_secret_hash" character(64)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bots" DROP COLUMN "webhook_secret_hash"`);
  }
}
