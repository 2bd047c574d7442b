import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Setting } from './entities/setting.entity';
import { SettingsSource } from './settings-source';
import { resolveSettings, SettingsValues } from './settings.registry';

/** How stale the engine's view of the settings may be: a change applies within this time. */
const MAX_AGE_MS = 1000;

/** Settings from PostgreSQL, re-read at most once a second per process. */
@Injectable()
export class CachedSettingsSource implements SettingsSource {
  private readonly logger = new Logger(CachedSettingsSource.name);
  private cached: { values: SettingsValues; at: number } | null = null;
  private loading: Promise<SettingsValues> | null = null;

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async current(): Promise<SettingsValues> {
    if (this.cached && Date.now() - this.cached.at < MAX_AGE_MS) {
      return this.cached.values;
    }
    // One query serves every caller that arrives while it runs.
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private async load(): Promise<SettingsValues> {
    const rows = await this.ds.getRepository(Setting).find();
    const { values, invalid } = resolveSettings(rows);
    for (const problem of invalid) {
      this.logger.warn(
        `Stored setting ${problem.key} is invalid (${problem.reason}); using the default`,
      );
    }
    this.cached = { values, at: Date.now() };
    return values;
  }
}
