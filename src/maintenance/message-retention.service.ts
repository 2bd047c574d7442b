import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { FINAL_MESSAGE_STATES } from '../messages/entities/message.entity';
import { MetricsRegistry } from '../observability/metrics.registry';
import { Setting } from '../settings/entities/setting.entity';
import { resolveSettings } from '../settings/settings.registry';

const DAY_MS = 24 * 3600 * 1000;

export interface RetentionRun {
  retentionDays: number;
  /** Messages created before this instant were eligible (null when retention is off). */
  cutoff: string | null;
  deleted: number;
}

/**
 * Applies the message_retention_days setting: deletes messages older than that, in small batches
 * (each its own short statement, so the table is never locked for long and replicas' turns keep
 * running). Only messages in a final state go: an old row still in flight belongs to a job.
 * Replies to a deleted message keep their own row (reply_to_db_id is ON DELETE SET NULL).
 */
@Injectable()
export class MessageRetentionService {
  private readonly logger = new Logger(MessageRetentionService.name);

  constructor(
    @InjectRepository(Setting) private readonly settings: Repository<Setting>,
    private readonly dataSource: DataSource,
    @Optional() private readonly metrics?: MetricsRegistry,
  ) {}

  async purge(
    now = new Date(),
    options: { batchSize?: number; maxBatches?: number } = {},
  ): Promise<RetentionRun> {
    const batchSize = options.batchSize ?? 1000;
    // Bounded work per run: a huge backlog is worked off over several hourly runs.
    const maxBatches = options.maxBatches ?? 500;
    const row = await this.settings.findOneBy({ key: 'message_retention_days' });
    const retentionDays = resolveSettings(row ? [row] : []).values.message_retention_days;
    if (retentionDays <= 0) {
      return { retentionDays, cutoff: null, deleted: 0 };
    }
    const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
    let deleted = 0;
    for (let batch = 0; batch < maxBatches; batch++) {
      const result: unknown = await this.dataSource.query(
        `WITH doomed AS (
           SELECT id FROM messages
           WHERE created_at < $1 AND state::text = ANY($2::text[])
           ORDER BY id
           LIMIT $3
         )
         DELETE FROM messages m USING doomed WHERE m.id = doomed.id`,
        [cutoff, [...FINAL_MESSAGE_STATES], batchSize],
      );
      // TypeORM answers a DELETE with [rows, affected count].
      const count = Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
      deleted += count;
      if (count < batchSize) {
        break;
      }
    }
    if (deleted > 0) {
      this.metrics?.retentionDeletedMessages(deleted);
      this.logger.log(`Retention deleted ${deleted} messages older than ${retentionDays} days`);
    }
    return { retentionDays, cutoff: cutoff.toISOString(), deleted };
  }
}
