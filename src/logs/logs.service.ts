import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainException } from '../common/errors/domain.exception';
import { csvRow } from '../common/csv/csv.util';
import { SharedReads } from '../common/shared-reads/shared-reads';
import { MessageKind, MessageState } from '../messages/entities/message.entity';
import { LogEntryDto } from './dto/log-entry.dto';
import { LogFiltersDto } from './dto/log-filters.dto';
import { decodeLogCursor, encodeLogCursor, LogCursor } from './log-cursor.util';

const EXPORT_BATCH = 2000;

const CSV_COLUMNS = [
  'id',
  'created_at',
  'sent_at',
  'state',
  'state_reason',
  'kind',
  'bot_id',
  'bot_name',
  'chat_db_id',
  'chat_title',
  'telegram_message_id',
  'reply_to_message_id',
  'text',
] as const;

interface LogRow {
  id: number;
  bot_id: number | null;
  bot_name: string | null;
  chat_db_id: number | null;
  chat_title: string | null;
  kind: MessageKind;
  telegram_message_id: number | null;
  text: string;
  reply_to_message_id: number | null;
  msg_metadata: Record<string, unknown>;
  state: MessageState;
  state_reason: string | null;
  attempts: number;
  sent_at: Date | null;
  created_at: Date;
  created_us: number;
}

const LOG_FROM_MESSAGES = 'FROM messages m';
const LOG_FROM = `${LOG_FROM_MESSAGES}
       LEFT JOIN bots b ON b.id = m.bot_id
       LEFT JOIN chats c ON c.id = m.chat_db_id`;
const LOG_COLUMNS = `m.id, m.bot_id, b.name AS bot_name, m.chat_db_id, c.title AS chat_title, m.kind,
       m.telegram_message_id, m.text, m.reply_to_message_id, m.msg_metadata, m.state,
       m.state_reason, m.attempts, m.sent_at, m.created_at`;

/** `%`, `_` and `\` are wildcards in LIKE: a search for "%50" must match the text "%50". */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Message history for operators: newest first, keyset-paginated on (created_at, id) so pages stay
 * stable while new messages arrive, and streamed as CSV.
 */
@Injectable()
export class LogsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sharedReads: SharedReads,
  ) {}

  /**
   * One page as JSON text (a LogsPageDto) built by PostgreSQL in one round trip: the API then
   * neither parses the rows' jsonb and dates nor serialises them again. The item shape is
   * entry()'s (a test compares GET /logs with GET /logs/recent). Identical requests in flight
   * share one query (SharedReads).
   */
  pageJson(filters: LogFiltersDto, limit: number, rawCursor?: string): Promise<string> {
    return this.sharedReads.share(
      `logs.page ${JSON.stringify([filters, limit, rawCursor])}`,
      0,
      () => this.readPageJson(filters, limit, rawCursor),
    );
  }

  recent(limit: number): Promise<LogEntryDto[]> {
    return this.sharedReads.share(`logs.recent ${limit}`, 0, async () =>
      (await this.query({}, limit, null)).map((r) => this.entry(r)),
    );
  }

  private async readPageJson(
    filters: LogFiltersDto,
    limit: number,
    rawCursor?: string,
  ): Promise<string> {
    let cursor: LogCursor | null = null;
    if (rawCursor !== undefined) {
      cursor = decodeLogCursor(rawCursor);
      if (!cursor) {
        throw DomainException.validation([
          { field: 'cursor', reason: 'is not a cursor returned by this endpoint' },
        ]);
      }
    }
    const params: unknown[] = [];
    const where = this.where(filters, cursor, params);
    params.push(limit + 1, limit);
    const [fetch, keep] = [`$${params.length - 1}`, `$${params.length}`];
    const iso = (column: string): string =>
      `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    const [row] = await this.dataSource.query<
      { items: string; fetched: number; last_us: number | null; last_id: number | null }[]
    >(
      `WITH page AS (
         SELECT ${LOG_COLUMNS},
                row_number() OVER (ORDER BY m.created_at DESC, m.id DESC) AS rn
         FROM (SELECT m.* ${LOG_FROM_MESSAGES} ${where}
               ORDER BY m.created_at DESC, m.id DESC LIMIT ${fetch}) m
         LEFT JOIN bots b ON b.id = m.bot_id
         LEFT JOIN chats c ON c.id = m.chat_db_id
       )
       SELECT
         coalesce((SELECT json_agg(json_build_object(
             'id', p.id, 'bot_id', p.bot_id, 'bot_name', p.bot_name, 'chat_db_id', p.chat_db_id,
             'chat_title', p.chat_title, 'kind', p.kind,
             'telegram_message_id', p.telegram_message_id, 'text', p.text,
             'reply_to_message_id', p.reply_to_message_id, 'msg_metadata', p.msg_metadata,
             'state', p.state, 'state_reason', p.state_reason, 'attempts', p.attempts,
             'sent_at', ${iso('p.sent_at')}, 'created_at', ${iso('p.created_at')})
             ORDER BY p.rn) FROM page p WHERE p.rn <= ${keep}), '[]')::text AS items,
         (SELECT count(*)::int FROM page) AS fetched,
         (SELECT (extract(epoch FROM p.created_at) * 1000000)::bigint FROM page p
           WHERE p.rn = ${keep}) AS last_us,
         (SELECT p.id FROM page p WHERE p.rn = ${keep}) AS last_id`,
      params,
    );
    const next =
      row.fetched > limit && row.last_us !== null && row.last_id !== null
        ? `"${encodeLogCursor({ createdUs: row.last_us, id: row.last_id })}"`
        : 'null';
    return `{"items":${row.items},"next_cursor":${next}}`;
  }

  /** The filtered log as CSV, read in keyset batches so memory stays flat for any size. */
  async *exportCsv(filters: LogFiltersDto): AsyncGenerator<string> {
    // A BOM lets spreadsheet software read the Turkish characters as UTF-8.
    yield `\uFEFF${csvRow(CSV_COLUMNS)}`;
    let cursor: LogCursor | null = null;
    for (;;) {
      const rows = await this.query(filters, EXPORT_BATCH, cursor);
      if (rows.length === 0) {
        return;
      }
      yield rows
        .map((r) =>
          csvRow([
            r.id,
            r.created_at,
            r.sent_at,
            r.state,
            r.state_reason,
            r.kind,
            r.bot_id,
            r.bot_name,
            r.chat_db_id,
            r.chat_title,
            r.telegram_message_id,
            r.reply_to_message_id,
            r.text,
          ]),
        )
        .join('');
      if (rows.length < EXPORT_BATCH) {
        return;
      }
      const last = rows[rows.length - 1];
      cursor = { createdUs: last.created_us, id: last.id };
    }
  }

  /** The WHERE clause of a log query (filters and keyset cursor), its values added to `params`. */
  private where(filters: LogFiltersDto, cursor: LogCursor | null, params: unknown[]): string {
    const where: string[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filters.bot_id !== undefined) {
      where.push(`m.bot_id = ${param(filters.bot_id)}`);
    }
    if (filters.chat_id !== undefined) {
      where.push(`m.chat_db_id = ${param(filters.chat_id)}`);
    }
    if (filters.q !== undefined) {
      where.push(`m.text ILIKE ${param(likePattern(filters.q))}`);
    }
    if (filters.from !== undefined) {
      where.push(`m.created_at >= ${param(new Date(filters.from))}`);
    }
    if (filters.to !== undefined) {
      where.push(`m.created_at < ${param(new Date(filters.to))}`);
    }
    if (filters.state !== undefined && filters.state.length > 0) {
      where.push(`m.state = ANY(${param(filters.state)}::message_state[])`);
    }
    if (filters.before !== undefined) {
      where.push(`m.id < ${param(filters.before)}`);
    }
    if (cursor) {
      // Exact microsecond instant without floating point: whole seconds plus the remainder.
      const sec = param(Math.floor(cursor.createdUs / 1e6));
      const us = param(cursor.createdUs % 1e6);
      const at = `('epoch'::timestamptz + ${sec}::bigint * interval '1 second' + ${us}::int * interval '1 microsecond')`;
      const id = param(cursor.id);
      // Written as two conditions so the created_at indexes bound the scan.
      where.push(`m.created_at <= ${at} AND (m.created_at < ${at} OR m.id < ${id})`);
    }
    return where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  }

  private async query(
    filters: LogFiltersDto,
    limit: number,
    cursor: LogCursor | null,
  ): Promise<LogRow[]> {
    const params: unknown[] = [];
    const where = this.where(filters, cursor, params);
    params.push(limit);
    return this.dataSource.query<LogRow[]>(
      `SELECT ${LOG_COLUMNS}, (extract(epoch FROM m.created_at) * 1000000)::bigint AS created_us
       ${LOG_FROM} ${where}
       ORDER BY m.created_at DESC, m.id DESC
       LIMIT $${params.length}`,
      params,
    );
  }

  private entry(r: LogRow): LogEntryDto {
    return {
      id: r.id,
      bot_id: r.bot_id,
      bot_name: r.bot_name,
      chat_db_id: r.chat_db_id,
      chat_title: r.chat_title,
      kind: r.kind,
      telegram_message_id: r.telegram_message_id,
      text: r.text,
      reply_to_message_id: r.reply_to_message_id,
      msg_metadata: r.msg_metadata,
      state: r.state,
      state_reason: r.state_reason,
      attempts: r.attempts,
      sent_at: r.sent_at ? r.sent_at.toISOString() : null,
      created_at: r.created_at.toISOString(),
    };
  }
}
