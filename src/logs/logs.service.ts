import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainException } from '../common/errors/domain.exception';
import { csvRow } from '../common/csv/csv.util';
import { MessageKind, MessageState } from '../messages/entities/message.entity';
import { LogEntryDto, LogsPageDto } from './dto/log-entry.dto';
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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(filters: LogFiltersDto, limit: number, rawCursor?: string): Promise<LogsPageDto> {
    let cursor: LogCursor | null = null;
    if (rawCursor !== undefined) {
      cursor = decodeLogCursor(rawCursor);
      if (!cursor) {
        throw DomainException.validation([
          { field: 'cursor', reason: 'is not a cursor returned by this endpoint' },
        ]);
      }
    }
    const rows = await this.query(filters, limit + 1, cursor);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => this.entry(r)),
      next_cursor:
        rows.length > limit && last
          ? encodeLogCursor({ createdUs: last.created_us, id: last.id })
          : null,
    };
  }

  async recent(limit: number): Promise<LogEntryDto[]> {
    return (await this.query({}, limit, null)).map((r) => this.entry(r));
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

  private async query(
    filters: LogFiltersDto,
    limit: number,
    cursor: LogCursor | null,
  ): Promise<LogRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
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
    return this.dataSource.query<LogRow[]>(
      `SELECT m.id, m.bot_id, b.name AS bot_name, m.chat_db_id, c.title AS chat_title, m.kind,
              m.telegram_message_id, m.text, m.reply_to_message_id, m.msg_metadata, m.state,
              m.state_reason, m.attempts, m.sent_at, m.created_at,
              (extract(epoch FROM m.created_at) * 1000000)::bigint AS created_us
       FROM messages m
       LEFT JOIN bots b ON b.id = m.bot_id
       LEFT JOIN chats c ON c.id = m.chat_db_id
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY m.created_at DESC, m.id DESC
       LIMIT ${param(limit)}`,
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
