import { createHash, randomBytes } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { Bot } from '../../src/bots/entities/bot.entity';
import { Chat } from '../../src/chats/entities/chat.entity';
import { AppConfig } from '../../src/config/app-config';
import { EncryptionService } from '../../src/crypto/encryption.service';
import { AssociatedData } from '../../src/crypto/associated-data';
import { Setting } from '../../src/settings/entities/setting.entity';
import { WorkerModule } from '../../src/worker.module';
import { BotFactory, ChatFactory } from './factories/chat-message.factory';

export interface TelegramBotFixture {
  bot: Bot;
  token: string;
}

/** A bot with a real (fake-server) token, encrypted like the API stores it. */
export async function botWithToken(
  ds: DataSource,
  config: AppConfig,
  username: string,
): Promise<TelegramBotFixture> {
  const encryption = new EncryptionService(config);
  const bot = await BotFactory.create(ds, { username, name: username });
  const token = `${800000 + bot.id}:${randomBytes(26).toString('base64url').slice(0, 35)}`;
  await ds.getRepository(Bot).update(
    { id: bot.id },
    {
      tokenCiphertext: encryption.encrypt(token, AssociatedData.botToken(bot.id)),
      tokenFingerprint: createHash('sha256').update(token).digest('hex'),
    },
  );
  return { bot: await ds.getRepository(Bot).findOneByOrFail({ id: bot.id }), token };
}

export async function groupChat(ds: DataSource): Promise<Chat> {
  return ChatFactory.create(ds, { topics: ['BIST', 'Kripto'] });
}

/** Settings for intake tests (workers run without the tick queue: no scheduled turns). */
export async function humanSettings(ds: DataSource, extra: Record<string, unknown> = {}) {
  await ds.getRepository(Setting).save(
    Object.entries({
      simulation_active: true,
      typing_enabled: false,
      human_reply_enabled: true,
      max_msgs_per_min: 600,
      ...extra,
    }).map(([key, value]) => ({ key, value })),
  );
}

/** An in-process worker (the production module graph), started like src/worker.ts. */
export async function startWorker(config: AppConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: ['error', 'warn'],
  });
  await app.init();
  return app;
}

let nextMessageId = 5000;

/** A member's group message as Telegram sends it in an update. */
export function humanMessage(
  chat: Chat,
  text: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  nextMessageId += 1;
  return {
    message: {
      message_id: nextMessageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chat.chatId, type: 'supergroup', title: chat.title },
      from: { id: 4242, is_bot: false, first_name: 'Murat', username: 'murat_k' },
      text,
      ...extra,
    },
  };
}

/** Polls `probe` until it gives a truthy value, and returns that value. */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  timeoutMs: number,
  what: string,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
