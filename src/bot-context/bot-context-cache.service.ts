import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Bot } from '../bots/entities/bot.entity';
import { BotHolding } from '../bots/entities/bot-holding.entity';
import { BotMemory } from '../bots/entities/bot-memory.entity';
import { BotStance } from '../bots/entities/bot-stance.entity';
import { DomainEventBus } from '../events/domain-event-bus.service';

/** What the engine needs about a bot for one turn. */
export interface BotContext {
  bot: Bot;
  stances: BotStance[];
  holdings: BotHolding[];
  /** The most relevant memories first. */
  memories: BotMemory[];
  loadedAt: number;
}

/** Entries older than this are reloaded even without an event (safety net for a lost event). */
export const BOT_CONTEXT_MAX_AGE_MS = 5 * 60_000;
export const BOT_CONTEXT_MAX_ENTRIES = 1000;
export const BOT_CONTEXT_MEMORY_LIMIT = 30;

/**
 * Per-process cache of bot contexts. Any process that changes a bot, its persona, stances,
 * holdings or memories publishes `{type: 'bot_changed', bot_id}`; every process drops that entry
 * at once. Concurrent misses for one bot share a single load.
 */
@Injectable()
export class BotContextCache implements OnModuleInit {
  private readonly entries = new Map<number, BotContext>();
  private readonly loading = new Map<number, Promise<BotContext | null>>();
  /** Per-bot invalidation counter: a load that raced an invalidation is not cached. */
  private readonly versions = new Map<number, number>();
  private epoch = 0;
  private hits = 0;
  private misses = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: DomainEventBus,
  ) {}

  onModuleInit(): void {
    this.events.listen({
      onEvent: (event) => {
        if (event.type === 'bot_changed') {
          this.invalidate(event.bot_id);
        }
      },
      onResync: () => this.clear(),
    });
  }

  /** The bot's context, or null when the bot does not exist. */
  async get(botId: number, now = Date.now()): Promise<BotContext | null> {
    const cached = this.entries.get(botId);
    if (cached && now - cached.loadedAt < BOT_CONTEXT_MAX_AGE_MS) {
      this.hits += 1;
      // Re-insert to keep Map order = least recently used first.
      this.entries.delete(botId);
      this.entries.set(botId, cached);
      return cached;
    }
    this.misses += 1;
    let pending = this.loading.get(botId);
    if (!pending) {
      pending = this.load(botId).finally(() => this.loading.delete(botId));
      this.loading.set(botId, pending);
    }
    return pending;
  }

  invalidate(botId: number): void {
    this.versions.set(botId, (this.versions.get(botId) ?? 0) + 1);
    this.entries.delete(botId);
    this.loading.delete(botId);
  }

  clear(): void {
    this.epoch += 1;
    this.entries.clear();
    this.loading.clear();
  }

  stats(): { size: number; hits: number; misses: number } {
    return { size: this.entries.size, hits: this.hits, misses: this.misses };
  }

  private async load(botId: number): Promise<BotContext | null> {
    const version = this.versions.get(botId) ?? 0;
    const epoch = this.epoch;
    const manager = this.dataSource.manager;
    const [bot, stances, holdings, memories] = await Promise.all([
      manager.findOne(Bot, { where: { id: botId } }),
      manager.find(BotStance, { where: { botId }, order: { topic: 'ASC' } }),
      manager.find(BotHolding, { where: { botId }, order: { symbol: 'ASC' } }),
      manager.find(BotMemory, {
        where: { botId },
        order: { relevanceScore: 'DESC', id: 'ASC' },
        take: BOT_CONTEXT_MEMORY_LIMIT,
      }),
    ]);
    if (!bot) {
      return null;
    }
    const context: BotContext = { bot, stances, holdings, memories, loadedAt: Date.now() };
    if (version === (this.versions.get(botId) ?? 0) && epoch === this.epoch) {
      this.entries.set(botId, context);
      while (this.entries.size > BOT_CONTEXT_MAX_ENTRIES) {
        const oldest = this.entries.keys().next().value as number;
        this.entries.delete(oldest);
      }
    }
    return context;
  }
}
