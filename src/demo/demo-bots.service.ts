import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Between, DataSource } from 'typeorm';
import { toBotResponse } from '../bots/bot-views';
import { BotWriter } from '../bots/bot-writer.service';
import { Bot } from '../bots/entities/bot.entity';
import { ChatWriter } from '../chats/chat-writer.service';
import { toChatResponse } from '../chats/chat-views';
import { Chat } from '../chats/entities/chat.entity';
import { DomainEvent } from '../events/domain-events';
import { DomainEventPublisher } from '../events/domain-event-publisher.service';
import { buildDemoPersonas } from './demo-personas';
import { DemoBotsResponse } from './demo-bots.dto';

/**
 * Demo chats live in a range no real Telegram group uses in practice (-100999000000…-100999000999),
 * so a demo setup can never be mistaken for, or collide with, a real group.
 */
export const DEMO_CHAT_ID_FIRST = -100999000001;
const DEMO_CHAT_ID_RANGE = Between(-100999000999, -100999000000);

@Injectable()
export class DemoBotsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bots: BotWriter,
    private readonly chats: ChatWriter,
    private readonly events: DomainEventPublisher,
  ) {}

  /** Only prices and speeds are random; names and personas are deterministic. */
  private readonly rng: () => number = Math.random;

  /**
   * Sandbox bots (no token, enabled) with stances, holdings and memories, plus a demo chat.
   * `aroundTheClock`: without the personas' active hours (market-day hours, in the simulation's
   * timezone), so that a demo started at 23:00 does not stay silent until morning.
   */
  async create(
    count: number,
    { aroundTheClock = false }: { aroundTheClock?: boolean } = {},
  ): Promise<DemoBotsResponse> {
    const result = await this.dataSource.transaction(async (m) => {
      // Serialise concurrent demo creations so two calls cannot pick the same free names.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('piyasa:demo-bots'))`);
      const names = await m.find(Bot, { select: { name: true } });
      const taken = new Set(names.map((b) => b.name.toLocaleLowerCase('tr')));
      const created: Bot[] = [];
      for (const persona of buildDemoPersonas(count, taken, this.rng)) {
        const bot = await this.bots.create(
          m,
          { ...persona, is_enabled: true, ...(aroundTheClock && { active_hours: [] }) },
          { seedMemories: true },
        );
        for (const stance of persona.stances) {
          await this.bots.upsertStance(m, bot.id, stance);
        }
        for (const holding of persona.holdings) {
          await this.bots.upsertHolding(m, bot.id, holding);
        }
        created.push(await m.findOneByOrFail(Bot, { id: bot.id }));
      }
      let chat = await m.findOne(Chat, {
        where: { chatId: DEMO_CHAT_ID_RANGE },
        order: { id: 'ASC' },
      });
      const chatCreated = chat === null;
      if (!chat) {
        chat = await this.chats.create(m, {
          chat_id: DEMO_CHAT_ID_FIRST,
          title: 'Demo Piyasa Sohbeti',
          topics: ['BIST', 'FX', 'Kripto', 'Makro', 'Altın'],
        });
      }
      return {
        bots: created.map(toBotResponse),
        chat: toChatResponse(chat),
        chat_created: chatCreated,
      };
    });
    const events: DomainEvent[] = result.bots.map((b) => ({ type: 'bot_changed', bot_id: b.id }));
    events.push({ type: 'chat_changed', chat_id: result.chat.id });
    await this.events.publish(...events);
    return result;
  }
}
