import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QueueStatsService } from '../queue/queue-stats.service';
import { RedisService } from '../redis/redis.service';
import { SettingsReader } from '../settings/settings-reader.service';
import { Counter, readCounters } from './counters';
import { MetricsDto } from './dto/metrics.dto';
import { TimeseriesGroup } from './dto/timeseries-query.dto';
import { TimeseriesDto, TimeseriesSeriesDto } from './dto/timeseries.dto';
import { SharedReads } from '../common/shared-reads/shared-reads';

/**
 * Only these count as "messages" (SPEC section 3): sent text rows written by bots. The partial
 * index IDX_messages_sent_bot_text_created has exactly this predicate, so keep them identical.
 */
const SENT_BOT_TEXT = `state = 'sent' AND bot_id IS NOT NULL AND kind = 'text'`;

interface CountsRow {
  total_bots: number;
  active_bots: number;
  total_chats: number;
  sent_last_hour: number;
  by_state: Record<string, number>;
}

interface SeriesRow {
  group_id: number | null;
  label: string | null;
  idx: number;
  n: number;
}

/** How long one gathering of the dashboard numbers is shared (see MetricsService.snapshot). */
export const SNAPSHOT_TTL_MS = 1000;

interface Sources {
  counts: CountsRow;
  counters: Awaited<ReturnType<typeof readCounters>>;
  queues: Awaited<ReturnType<QueueStatsService['stats']>>;
  generatedAt: string;
}

/** Dashboard metrics: counts from PostgreSQL (one round trip), counters and queues from Redis. */
@Injectable()
export class MetricsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisService,
    private readonly settings: SettingsReader,
    private readonly queues: QueueStatsService,
    private readonly sharedReads: SharedReads,
  ) {}

  /**
   * The dashboard's numbers. What comes from PostgreSQL and Redis is shared for a second by
   * every caller (HTTP clients, the WebSocket snapshots), and refreshed in the background for the
   * next (at most two seconds old): fifty dashboards polling cost one query a second, not fifty,
   * and none of them waits for it. A change made through the API is counted at once (SharedReads). Settings come from the event-invalidated SettingsReader, so a
   * start/stop/scale shows at once.
   */
  async snapshot(): Promise<MetricsDto> {
    const [sources, settings] = await Promise.all([this.sources(), this.settings.get()]);
    const { counts, counters, queues } = sources;
    return {
      total_bots: counts.total_bots,
      active_bots: counts.active_bots,
      total_chats: counts.total_chats,
      messages_last_hour: counts.sent_last_hour,
      messages_per_minute: Math.round((counts.sent_last_hour / 60) * 100) / 100,
      simulation_active: settings.simulation_active,
      scale_factor: settings.scale_factor,
      rate_limit_hits: counters[Counter.RateLimitHits],
      telegram_429_count: counters[Counter.Telegram429],
      telegram_5xx_count: counters[Counter.Telegram5xx],
      messages_by_state_last_hour: counts.by_state,
      queue_pending: queues.total_pending,
      generated_at: sources.generatedAt,
    };
  }

  /**
   * The last gathering if it settled less than SNAPSHOT_TTL_MS ago (or the one in flight); up to
   * twice that old while the next one runs (SharedReads).
   */
  private sources(): Promise<Sources> {
    return this.sharedReads.share('metrics.sources', SNAPSHOT_TTL_MS, () => this.gather());
  }

  private async gather(): Promise<Sources> {
    const [[counts], counters, queues] = await Promise.all([
      // One pass over the last hour gives the per-state counts and the sent-bot-text count.
      this.dataSource.query<CountsRow[]>(
        `WITH hour AS (
           SELECT state, count(*)::int AS n,
                  count(*) FILTER (WHERE bot_id IS NOT NULL AND kind = 'text')::int AS bot_text
           FROM messages WHERE created_at >= now() - interval '1 hour'
           GROUP BY state
         )
         SELECT
           (SELECT count(*)::int FROM bots) AS total_bots,
           (SELECT count(*)::int FROM bots WHERE is_enabled AND status = 'active') AS active_bots,
           (SELECT count(*)::int FROM chats) AS total_chats,
           (SELECT coalesce(sum(bot_text), 0)::int FROM hour WHERE state = 'sent') AS sent_last_hour,
           (SELECT coalesce(json_object_agg(state, n), '{}'::json) FROM hour) AS by_state`,
      ),
      readCounters(this.redis),
      this.queues.stats(),
    ]);
    return { counts, counters, queues, generatedAt: new Date().toISOString() };
  }

  /**
   * Sent bot messages per minute over the last `minutes` minutes (the current minute included),
   * per chat or bot, in one query: an index-only range scan of the window, grouped by minute and
   * group, labels joined after grouping; generate_series gives the bucket list. The window start
   * is written inline (not in a CTE) so the planner estimates the range from the index.
   * The `top` busiest series are returned; the rest are summed into one "other" series.
   */
  timeseries(minutes: number, groupBy: TimeseriesGroup, top: number): Promise<TimeseriesDto> {
    return this.sharedReads.share(`metrics.timeseries ${minutes} ${groupBy} ${top}`, 0, () =>
      this.readTimeseries(minutes, groupBy, top),
    );
  }

  private async readTimeseries(
    minutes: number,
    groupBy: TimeseriesGroup,
    top: number,
  ): Promise<TimeseriesDto> {
    const group = groupBy === 'bot' ? 'bot_id' : 'chat_db_id';
    const labels =
      groupBy === 'bot'
        ? 'LEFT JOIN bots x ON x.id = c.group_id'
        : 'LEFT JOIN chats x ON x.id = c.group_id';
    const label = groupBy === 'bot' ? 'x.name' : 'coalesce(x.title, x.chat_id::text)';
    const start = `(date_trunc('minute', now()) - ($1::int - 1) * interval '1 minute')`;
    const [row] = await this.dataSource.query<{ buckets: string[]; rows: SeriesRow[] }[]>(
      `WITH counts AS (
         SELECT (extract(epoch FROM date_trunc('minute', created_at) - ${start}) / 60)::int AS idx,
                ${group} AS group_id,
                count(*)::int AS n
         FROM messages
         WHERE created_at >= ${start} AND ${SENT_BOT_TEXT}
         GROUP BY 1, 2
       )
       SELECT
         (SELECT array_agg(to_char(g AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.000"Z"') ORDER BY g)
            FROM generate_series(${start}, date_trunc('minute', now()), interval '1 minute') g)
           AS buckets,
         (SELECT coalesce(json_agg(json_build_object(
                   'group_id', c.group_id, 'label', ${label}, 'idx', c.idx, 'n', c.n)), '[]'::json)
            FROM counts c ${labels})
           AS rows`,
      [minutes],
    );
    const totals = new Array<number>(minutes).fill(0);
    const byGroup = new Map<string, TimeseriesSeriesDto>();
    for (const r of row.rows) {
      // A row stamped in the future (clock skew between hosts) lands past the last bucket.
      if (r.idx < 0 || r.idx >= minutes) {
        continue;
      }
      const key = String(r.group_id);
      let series = byGroup.get(key);
      if (!series) {
        series = {
          id: r.group_id,
          label: r.label ?? (r.group_id === null ? 'deleted' : `#${r.group_id}`),
          counts: new Array<number>(minutes).fill(0),
          total: 0,
        };
        byGroup.set(key, series);
      }
      series.counts[r.idx] += r.n;
      series.total += r.n;
      totals[r.idx] += r.n;
    }
    const ranked = [...byGroup.values()].sort(
      (a, b) => b.total - a.total || (a.id ?? Infinity) - (b.id ?? Infinity),
    );
    const series = ranked.slice(0, top);
    const rest = ranked.slice(top);
    if (rest.length > 0) {
      const other = {
        id: null,
        label: 'other',
        counts: new Array<number>(minutes).fill(0),
        total: 0,
      };
      for (const s of rest) {
        s.counts.forEach((n, i) => (other.counts[i] += n));
        other.total += s.total;
      }
      series.push(other);
    }
    return { minutes, group_by: groupBy, buckets: row.buckets, series, totals };
  }
}
