import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QueueStatsService } from '../queue/queue-stats.service';
import { RedisService } from '../redis/redis.service';
import { SettingsReader } from '../settings/settings-reader.service';
import { Counter, readCounters } from './counters';
import { MetricsDto } from './dto/metrics.dto';
import { TimeseriesGroup } from './dto/timeseries-query.dto';
import { TimeseriesDto } from './dto/timeseries.dto';

/** Only these count as "messages" in metrics (SPEC section 3): sent text rows written by bots. */
function sentBotText(table: string): string {
  return `${table}.state = 'sent' AND ${table}.bot_id IS NOT NULL AND ${table}.kind = 'text'`;
}

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
  points: [number, number][];
}

/** Dashboard metrics: counts from PostgreSQL (one round trip), counters and queues from Redis. */
@Injectable()
export class MetricsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisService,
    private readonly settings: SettingsReader,
    private readonly queues: QueueStatsService,
  ) {}

  async snapshot(): Promise<MetricsDto> {
    const [[counts], counters, settings, queues] = await Promise.all([
      this.dataSource.query<CountsRow[]>(
        `SELECT
           (SELECT count(*)::int FROM bots) AS total_bots,
           (SELECT count(*)::int FROM bots WHERE is_enabled AND status = 'active') AS active_bots,
           (SELECT count(*)::int FROM chats) AS total_chats,
           (SELECT count(*)::int FROM messages
             WHERE created_at >= now() - interval '1 hour' AND ${sentBotText('messages')}) AS sent_last_hour,
           (SELECT coalesce(json_object_agg(state, n), '{}'::json) FROM (
              SELECT state, count(*)::int AS n FROM messages
              WHERE created_at >= now() - interval '1 hour' GROUP BY state) s) AS by_state`,
      ),
      readCounters(this.redis),
      this.settings.get(),
      this.queues.stats(),
    ]);
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
      generated_at: new Date().toISOString(),
    };
  }

  /**
   * Sent bot messages per minute over the last `minutes` minutes (the current minute included),
   * per chat or bot, in one query: the range scan uses the created_at index, the grouping happens
   * on the few rows of the window, and generate_series gives the bucket list.
   */
  async timeseries(minutes: number, groupBy: TimeseriesGroup): Promise<TimeseriesDto> {
    const group = groupBy === 'bot' ? 'bot_id' : 'chat_db_id';
    const labels =
      groupBy === 'bot'
        ? 'LEFT JOIN bots x ON x.id = c.group_id'
        : 'LEFT JOIN chats x ON x.id = c.group_id';
    const labelColumn = groupBy === 'bot' ? 'x.name' : `coalesce(x.title, x.chat_id::text)`;
    const [row] = await this.dataSource.query<{ buckets: string[]; series: SeriesRow[] }[]>(
      `WITH bounds AS (
         SELECT date_trunc('minute', now()) - ($1::int - 1) * interval '1 minute' AS first_minute,
                date_trunc('minute', now()) AS last_minute
       ),
       counts AS (
         SELECT (extract(epoch FROM date_trunc('minute', m.created_at) - b.first_minute) / 60)::int
                  AS idx,
                m.${group} AS group_id,
                count(*)::int AS n
         FROM messages m CROSS JOIN bounds b
         WHERE m.created_at >= b.first_minute AND ${sentBotText('m')}
         GROUP BY 1, 2
       ),
       series AS (
         SELECT c.group_id, ${labelColumn} AS label, json_agg(json_build_array(c.idx, c.n)) AS points
         FROM counts c ${labels}
         GROUP BY c.group_id, ${labelColumn}
       )
       SELECT
         (SELECT array_agg(to_char(g AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.000"Z"') ORDER BY g)
            FROM bounds b, generate_series(b.first_minute, b.last_minute, interval '1 minute') g)
           AS buckets,
         (SELECT coalesce(json_agg(s ORDER BY s.group_id NULLS LAST), '[]'::json) FROM series s)
           AS series`,
      [minutes],
    );
    const totals = new Array<number>(minutes).fill(0);
    const series = row.series.map((s) => {
      const counts = new Array<number>(minutes).fill(0);
      for (const [idx, n] of s.points) {
        // A row written in the future (clock skew between hosts) lands past the last bucket.
        if (idx >= 0 && idx < minutes) {
          counts[idx] += n;
          totals[idx] += n;
        }
      }
      return {
        id: s.group_id,
        label: s.label ?? (s.group_id === null ? 'deleted' : `#${s.group_id}`),
        counts,
        total: counts.reduce((a, b) => a + b, 0),
      };
    });
    return { minutes, group_by: groupBy, buckets: row.buckets, series, totals };
  }
}
