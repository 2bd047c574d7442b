import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainEventBus } from '../events/domain-event-bus.service';
import { Setting } from './entities/setting.entity';
import { resolveSettings, SettingsValues } from './settings.registry';

/**
 * Safety net: changes normally arrive as `settings_updated` events within milliseconds. This bounds
 * staleness to SPEC 6's one second when no event comes: a lost event (publisher crashed between
 * commit and publish) or a writer that stores settings inside its own transaction (wizard, import).
 * It costs one small query per second per busy process.
 */
export const SETTINGS_CACHE_MAX_AGE_MS = 1000;

/**
 * Typed settings for workers and the engine, cached in process memory and dropped when any
 * process publishes `settings_updated` (or after a reconnect of the events subscriber).
 */
@Injectable()
export class SettingsReader implements OnModuleInit {
  private readonly logger = new Logger(SettingsReader.name);
  private cached?: { values: SettingsValues; loadedAt: number };
  private loading?: Promise<SettingsValues>;
  /** Bumped by every invalidation, so a load that started before it is not cached after it. */
  private generation = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: DomainEventBus,
  ) {}

  onModuleInit(): void {
    this.events.listen({
      onEvent: (event) => {
        if (event.type === 'settings_updated') {
          this.invalidate();
        }
      },
      onResync: () => this.invalidate(),
    });
  }

  async get(now = Date.now()): Promise<SettingsValues> {
    if (this.cached && now - this.cached.loadedAt < SETTINGS_CACHE_MAX_AGE_MS) {
      return this.cached.values;
    }
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  invalidate(): void {
    this.generation += 1;
    this.cached = undefined;
    this.loading = undefined;
  }

  private async load(): Promise<SettingsValues> {
    const generation = this.generation;
    const rows = await this.dataSource.getRepository(Setting).find();
    const { values, invalid } = resolveSettings(rows);
    for (const { key, reason } of invalid) {
      this.logger.warn(`Stored setting ${key} is invalid (${reason}); using its default`);
    }
    if (generation === this.generation) {
      this.cached = { values, loadedAt: Date.now() };
    }
    return values;
  }
}
