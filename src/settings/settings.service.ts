import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainException, FieldError } from '../common/errors/domain.exception';
import { DomainEventBus } from '../events/domain-event-bus.service';
import { Setting } from './entities/setting.entity';
import { SettingDto } from './dto/setting.dto';
import { SettingValueError } from './setting-parsers';
import {
  isSettingKey,
  parseSetting,
  resolveSettings,
  SETTING_KEYS,
  SETTINGS_REGISTRY,
  SettingKey,
  SettingsValues,
} from './settings.registry';

/**
 * The original's clients sometimes send the wrapped form `{"value": X}` they read from
 * GET /settings. No setting's own type is an object with a single `value` field, so unwrapping it
 * is unambiguous.
 */
function unwrap(value: unknown): unknown {
  if (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    Object.prototype.hasOwnProperty.call(value, 'value')
  ) {
    return (value as { value: unknown }).value;
  }
  return value;
}

/** Reads and changes settings for the API: validated by the registry, written atomically. */
@Injectable()
export class SettingsService {
  private readonly logger = new Logger(SettingsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: DomainEventBus,
  ) {}

  /** Every key of the registry, defaults included, sorted by key. */
  async list(): Promise<SettingDto[]> {
    const rows = await this.dataSource.getRepository(Setting).find();
    const { values } = resolveSettings(rows);
    const updatedAt = new Map(rows.map((r) => [r.key, r.updatedAt]));
    return SETTING_KEYS.map((key) => this.view(key, values[key], updatedAt.get(key) ?? null));
  }

  /** The effective typed values (defaults overlaid with valid stored rows). */
  async values(): Promise<SettingsValues> {
    const rows = await this.dataSource.getRepository(Setting).find();
    return resolveSettings(rows).values;
  }

  async update(key: string, value: unknown): Promise<SettingDto> {
    const [updated] = await this.apply({ [key]: value }, (k) => (k === key ? 'value' : k), key);
    return updated;
  }

  /** All-or-nothing: every key is validated first, then all rows are written in one transaction. */
  async updateMany(updates: Record<string, unknown>): Promise<SettingDto[]> {
    if (Object.keys(updates).length === 0) {
      throw DomainException.validation(
        [{ field: 'updates', reason: 'must contain at least one setting' }],
        'Nothing to update',
      );
    }
    return this.apply(updates, (k) => `updates.${k}`);
  }

  private async apply(
    updates: Record<string, unknown>,
    fieldOf: (key: string) => string,
    singleKey?: string,
  ): Promise<SettingDto[]> {
    const parsed = new Map<SettingKey, unknown>();
    const errors: FieldError[] = [];
    for (const [key, raw] of Object.entries(updates)) {
      if (!isSettingKey(key)) {
        errors.push({
          field: singleKey ? 'key' : fieldOf(key),
          reason: `unknown setting "${key}"`,
        });
        continue;
      }
      try {
        parsed.set(key, parseSetting(key, unwrap(raw)));
      } catch (error) {
        if (!(error instanceof SettingValueError)) {
          throw error;
        }
        errors.push({ field: fieldOf(key), reason: `${key} ${error.message}` });
      }
    }
    if (errors.length > 0) {
      const names = errors.map((e) => e.field.replace(/^updates\./, '')).join(', ');
      throw DomainException.validation(
        errors,
        singleKey
          ? `Invalid setting ${singleKey}: ${errors[0].reason}`
          : `Invalid settings (${names}); nothing was changed`,
      );
    }

    const keys = [...parsed.keys()].sort();
    const written = await this.dataSource.transaction(async (manager) => {
      const out: { key: SettingKey; updatedAt: Date }[] = [];
      for (const key of keys) {
        const rows = await manager.query<{ updated_at: Date }[]>(
          `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2::jsonb, now())
           ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()
           RETURNING updated_at`,
          [key, JSON.stringify(parsed.get(key))],
        );
        out.push({ key, updatedAt: rows[0].updated_at });
      }
      return out;
    });

    await this.publish(keys);
    return written.map(({ key, updatedAt }) => this.view(key, parsed.get(key), updatedAt));
  }

  /**
   * The write is committed; a lost event only delays other processes until their cache's
   * maximum age, so a publish failure is logged, not reported as a failed update.
   */
  private async publish(keys: SettingKey[]): Promise<void> {
    try {
      await this.events.publish({ type: 'settings_updated', keys });
    } catch (error) {
      this.logger.warn(`settings_updated not published: ${(error as Error).message}`);
    }
  }

  private view(key: SettingKey, value: unknown, updatedAt: Date | null): SettingDto {
    const definition = SETTINGS_REGISTRY[key];
    return {
      key,
      value: { value },
      updated_at: updatedAt ? updatedAt.toISOString() : null,
      description: definition.description,
      live: definition.live,
      default: structuredClone(definition.default),
    };
  }
}
