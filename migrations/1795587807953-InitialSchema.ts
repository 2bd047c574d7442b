import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795587807953 implements MigrationInterface {
  name = 'InitialSchema1795587807953';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "actor_user_id" integer, "actor_api_key_id" integer, "actor_label" character varying(100) NOT NULL, "action" character varying(64) NOT NULL, "resource_type" character varying(64) NOT NULL, "resource_id" character varying(64), "details" jsonb NOT NULL DEFAULT '{}', "ip" character varying(64), "user_agent" character varying(512), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_log_actor" ON "audit_log" ("actor_user_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_log_resource" ON "audit_log" ("resource_type", "resource_id") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_audit_log_created" ON "audit_log" ("created_at") `);
    await queryRunner.query(
      `CREATE TYPE "public"."user_role" AS ENUM('viewer', 'operator', 'admin')`,
    );
    await queryRunner.query(
      `CREATE TABLE "api_users" ("id" SERIAL NOT NULL, "username" character varying(64) NOT NULL, "password_hash" text NOT NULL, "role" "public"."user_role" NOT NULL DEFAULT 'viewer', "mfa_secret_ciphertext" text, "mfa_enabled" boolean NOT NULL DEFAULT false, "mfa_last_used_step" bigint, "is_active" boolean NOT NULL DEFAULT true, "deleted_at" TIMESTAMP WITH TIME ZONE, "password_changed_at" TIMESTAMP WITH TIME ZONE, "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b6c77479defc58cfc0e2d3e0f54" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "api_keys" ("id" SERIAL NOT NULL, "user_id" integer NOT NULL, "name" character varying(100) NOT NULL, "prefix" character varying(32) NOT NULL, "key_hash" character(64) NOT NULL, "role_cap" "public"."user_role", "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "expires_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_api_keys_prefix" ON "api_keys" ("prefix") `);
    await queryRunner.query(`CREATE INDEX "IDX_api_keys_user" ON "api_keys" ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "api_sessions" ("id" SERIAL NOT NULL, "user_id" integer NOT NULL, "secret_hash" character(64) NOT NULL, "user_agent" character varying(512), "ip" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_e8d97082c0ea28e7d32b03b788d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_api_sessions_secret_hash" ON "api_sessions" ("secret_hash") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_api_sessions_user" ON "api_sessions" ("user_id") `);
    await queryRunner.query(
      `CREATE TYPE "public"."bot_status" AS ENUM('active', 'paused', 'error')`,
    );
    await queryRunner.query(
      `CREATE TABLE "bots" ("id" SERIAL NOT NULL, "name" character varying(100) NOT NULL, "token_ciphertext" text, "token_hint" character varying(16), "token_fingerprint" character(64), "username" character varying(64), "is_enabled" boolean NOT NULL DEFAULT true, "speed_profile" jsonb NOT NULL DEFAULT '{}', "active_hours" jsonb NOT NULL DEFAULT '[]', "persona_hint" text NOT NULL DEFAULT '', "persona_profile" jsonb NOT NULL DEFAULT '{}', "emotion_profile" jsonb NOT NULL DEFAULT '{}', "llm_model" character varying(100), "status" "public"."bot_status" NOT NULL DEFAULT 'active', "last_error" text, "last_error_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8b1b0180229dec2cbfdf5e776e4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_bots_token_fingerprint" ON "bots" ("token_fingerprint") WHERE "token_fingerprint" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "bot_holdings" ("id" SERIAL NOT NULL, "bot_id" integer NOT NULL, "symbol" character varying(32) NOT NULL, "avg_price" double precision, "size" double precision, "note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5cf37812bacd26588eac9c12f21" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_bot_holdings_bot_symbol" ON "bot_holdings" ("bot_id", "symbol") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."memory_type" AS ENUM('personal_fact', 'past_event', 'relationship', 'preference', 'routine')`,
    );
    await queryRunner.query(
      `CREATE TABLE "bot_memories" ("id" SERIAL NOT NULL, "bot_id" integer NOT NULL, "memory_type" "public"."memory_type" NOT NULL, "content" text NOT NULL, "relevance_score" real NOT NULL DEFAULT '0.5', "usage_count" integer NOT NULL DEFAULT '0', "last_used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_bot_memories_relevance" CHECK ("relevance_score" >= 0 AND "relevance_score" <= 1), CONSTRAINT "PK_18d5b8c8d60daa9a9d0fdc22205" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_bot_memories_bot_relevance" ON "bot_memories" ("bot_id", "relevance_score") `,
    );
    await queryRunner.query(
      `CREATE TABLE "bot_stances" ("id" SERIAL NOT NULL, "bot_id" integer NOT NULL, "topic" character varying(100) NOT NULL, "stance_text" text NOT NULL, "confidence" real NOT NULL DEFAULT '0.7', "cooldown_until" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_bot_stances_confidence" CHECK ("confidence" >= 0 AND "confidence" <= 1), CONSTRAINT "PK_c46d51bd6a587e25c95346d4d15" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_bot_stances_bot_topic" ON "bot_stances" ("bot_id", "topic") `,
    );
    await queryRunner.query(
      `CREATE TABLE "chats" ("id" SERIAL NOT NULL, "chat_id" bigint NOT NULL, "title" character varying(255), "is_enabled" boolean NOT NULL DEFAULT true, "topics" jsonb NOT NULL DEFAULT '["BIST", "FX", "Kripto", "Makro"]', "timezone" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0117647b3c4a4e5ff198aeb6206" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_chats_chat_id" ON "chats" ("chat_id") `);
    await queryRunner.query(`CREATE TYPE "public"."chat_bot_status" AS ENUM('member', 'failed')`);
    await queryRunner.query(
      `CREATE TABLE "chat_bots" ("chat_db_id" integer NOT NULL, "bot_id" integer NOT NULL, "status" "public"."chat_bot_status" NOT NULL DEFAULT 'member', "last_error" text, "last_error_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1010205471b583b82d88613d0f4" PRIMARY KEY ("chat_db_id", "bot_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_chat_bots_bot" ON "chat_bots" ("bot_id") `);
    await queryRunner.query(
      `CREATE TABLE "llm_usage" ("id" SERIAL NOT NULL, "day" date NOT NULL, "bot_id" integer, "model" character varying(100) NOT NULL, "calls" integer NOT NULL DEFAULT '0', "failures" integer NOT NULL DEFAULT '0', "prompt_tokens" bigint NOT NULL DEFAULT '0', "completion_tokens" bigint NOT NULL DEFAULT '0', "estimated_cost_usd" double precision NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_896db5280e4018d7bc7acd24294" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE TYPE "public"."message_kind" AS ENUM('text', 'reaction')`);
    await queryRunner.query(
      `CREATE TYPE "public"."message_state" AS ENUM('planned', 'generating', 'sending', 'sent', 'failed', 'skipped', 'unknown')`,
    );
    await queryRunner.query(
      `CREATE TABLE "messages" ("id" BIGSERIAL NOT NULL, "bot_id" integer, "chat_db_id" integer, "kind" "public"."message_kind" NOT NULL DEFAULT 'text', "telegram_message_id" bigint, "text" text NOT NULL DEFAULT '', "reply_to_message_id" bigint, "reply_to_db_id" bigint, "msg_metadata" jsonb NOT NULL DEFAULT '{}', "state" "public"."message_state" NOT NULL DEFAULT 'planned', "state_reason" text, "attempts" integer NOT NULL DEFAULT '0', "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_18325f38ae6de43878487eff986" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_messages_in_flight" ON "messages" ("state", "updated_at") WHERE "state" IN ('planned', 'generating', 'sending')`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_messages_chat_telegram_id" ON "messages" ("chat_db_id", "telegram_message_id") WHERE "telegram_message_id" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_messages_created" ON "messages" ("created_at") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_messages_bot_created" ON "messages" ("bot_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_messages_chat_created" ON "messages" ("chat_db_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "settings" ("key" character varying(100) NOT NULL, "value" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c8639b7626fa94ba8265628f214" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."system_check_status" AS ENUM('passed', 'failed')`,
    );
    await queryRunner.query(
      `CREATE TABLE "system_checks" ("id" SERIAL NOT NULL, "status" "public"."system_check_status" NOT NULL, "total_steps" integer NOT NULL DEFAULT '0', "passed_steps" integer NOT NULL DEFAULT '0', "failed_steps" integer NOT NULL DEFAULT '0', "duration" double precision NOT NULL DEFAULT '0', "triggered_by" character varying(100), "details" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9055d2b4c47bcacdc46a255626c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_system_checks_created" ON "system_checks" ("created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "FK_a3baee01d8408cd3c0f89a9a973" FOREIGN KEY ("user_id") REFERENCES "api_users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_sessions" ADD CONSTRAINT "FK_757ee43f497b2fe165cb35452bf" FOREIGN KEY ("user_id") REFERENCES "api_users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bot_holdings" ADD CONSTRAINT "FK_643992380db0ee6a172a9e19546" FOREIGN KEY ("bot_id") REFERENCES "bots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bot_memories" ADD CONSTRAINT "FK_389a97c0160af5556037683b4f6" FOREIGN KEY ("bot_id") REFERENCES "bots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bot_stances" ADD CONSTRAINT "FK_551c20edb5e4029f3b37b9514cb" FOREIGN KEY ("bot_id") REFERENCES "bots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "chat_bots" ADD CONSTRAINT "FK_df71c83184eff86d14f0045c7cb" FOREIGN KEY ("chat_db_id") REFERENCES "chats"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "chat_bots" ADD CONSTRAINT "FK_4565c77fe9ba14664b271f2ea35" FOREIGN KEY ("bot_id") REFERENCES "bots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "FK_40550eba0c74bfee6a4708210f3" FOREIGN KEY ("bot_id") REFERENCES "bots"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "FK_e5cf99004cc40fbeedd3753ed5f" FOREIGN KEY ("chat_db_id") REFERENCES "chats"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "FK_5694c785712a1aa484ce2e829e2" FOREIGN KEY ("reply_to_db_id") REFERENCES "messages"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    // Not expressible in entity decorators (marked synchronize: false there):
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_api_users_username_lower" ON "api_users" (lower("username"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_llm_usage_day_bot_model" ON "llm_usage" ("day", COALESCE("bot_id", 0), "model")`,
    );
    // Trigram index for the logs' text search (ILIKE '%q%') over millions of rows. pg_trgm is a
    // trusted extension, so the database owner may create it without superuser rights.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE INDEX "IDX_messages_text_trgm" ON "messages" USING gin ("text" gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_messages_text_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_llm_usage_day_bot_model"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_api_users_username_lower"`);
    await queryRunner.query(
      `ALTER TABLE "messages" DROP CONSTRAINT "FK_5694c785712a1aa484ce2e829e2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "messages" DROP CONSTRAINT "FK_e5cf99004cc40fbeedd3753ed5f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "messages" DROP CONSTRAINT "FK_40550eba0c74bfee6a4708210f3"`,
    );
    await queryRunner.query(
      `ALTER TABLE "chat_bots" DROP CONSTRAINT "FK_4565c77fe9ba14664b271f2ea35"`,
    );
    await queryRunner.query(
      `ALTER TABLE "chat_bots" DROP CONSTRAINT "FK_df71c83184eff86d14f0045c7cb"`,
    );
    await queryRunner.query(
      `ALTER TABLE "bot_stances" DROP CONSTRAINT "FK_551c20edb5e4029f3b37b9514cb"`,
    );
    await queryRunner.query(
      `ALTER TABLE "bot_memories" DROP CONSTRAINT "FK_389a97c0160af5556037683b4f6"`,
    );
    await queryRunner.query(
      `ALTER TABLE "bot_holdings" DROP CONSTRAINT "FK_643992380db0ee6a172a9e19546"`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_sessions" DROP CONSTRAINT "FK_757ee43f497b2fe165cb35452bf"`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_keys" DROP CONSTRAINT "FK_a3baee01d8408cd3c0f89a9a973"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_system_checks_created"`);
    await queryRunner.query(`DROP TABLE "system_checks"`);
    await queryRunner.query(`DROP TYPE "public"."system_check_status"`);
    await queryRunner.query(`DROP TABLE "settings"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_messages_chat_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_messages_bot_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_messages_created"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_messages_chat_telegram_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_messages_in_flight"`);
    await queryRunner.query(`DROP TABLE "messages"`);
    await queryRunner.query(`DROP TYPE "public"."message_state"`);
    await queryRunner.query(`DROP TYPE "public"."message_kind"`);
    await queryRunner.query(`DROP TABLE "llm_usage"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_chat_bots_bot"`);
    await queryRunner.query(`DROP TABLE "chat_bots"`);
    await queryRunner.query(`DROP TYPE "public"."chat_bot_status"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_chats_chat_id"`);
    await queryRunner.query(`DROP TABLE "chats"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_bot_stances_bot_topic"`);
    await queryRunner.query(`DROP TABLE "bot_stances"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bot_memories_bot_relevance"`);
    await queryRunner.query(`DROP TABLE "bot_memories"`);
    await queryRunner.query(`DROP TYPE "public"."memory_type"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_bot_holdings_bot_symbol"`);
    await queryRunner.query(`DROP TABLE "bot_holdings"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_bots_token_fingerprint"`);
    await queryRunner.query(`DROP TABLE "bots"`);
    await queryRunner.query(`DROP TYPE "public"."bot_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_api_sessions_user"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_api_sessions_secret_hash"`);
    await queryRunner.query(`DROP TABLE "api_sessions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_api_keys_user"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_api_keys_prefix"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
    await queryRunner.query(`DROP TABLE "api_users"`);
    await queryRunner.query(`DROP TYPE "public"."user_role"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_log_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_log_resource"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_log_actor"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
  }
}
