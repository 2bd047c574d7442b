import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { entityColumnsSql, hydrateEntity } from '../database/hydrate-entity.util';
import { Message, MessageKind, MessageState } from './entities/message.entity';

/** Why a message ended `failed`, `skipped` or `unknown`: a stable code plus a human detail. */
export interface StateReason {
  code: string;
  detail?: string;
}

/** What a transition may set besides the state, with its column. */
const TRANSITION_COLUMNS = [
  ['telegramMessageId', 'telegram_message_id'],
  ['sentAt', 'sent_at'],
  ['stateReason', 'state_reason'],
] as const;

function formatReason(reason: StateReason): string {
  return reason.detail ? `${reason.code}: ${reason.detail}` : reason.code;
}

/**
 * The message table as the delivery ledger (ADR 0002). Every transition is a compare-and-set on
 * `state`, so of two workers handling the same message exactly one moves it; the loser sees
 * `null`/`false` and stops. This is what makes a retried or duplicated send job harmless.
 */
@Injectable()
export class MessageLedger {
  private claimSqlText?: string;

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** claimForSending's statement, built from the entity's metadata once (it never changes). */
  private get claimSql(): string {
    this.claimSqlText ??= `UPDATE messages SET state = $1, attempts = attempts + 1, updated_at = now()
        WHERE id = $2 AND state = $3
        RETURNING ${entityColumnsSql(this.ds, Message, 'messages')}`;
    return this.claimSqlText;
  }

  /**
   * Inserts a row a turn wrote unless that turn (msg_metadata.turn_key) already has one in the
   * chat; null when it has. A turn job whose worker stalled past its lock is run again elsewhere;
   * when the first run wakes up, the re-run's row is committed and the late one is refused, so one
   * turn never speaks twice. The unique index UQ_messages_chat_turn_key is the arbiter: a check
   * before inserting could not see a row another run has inserted but not yet committed, whereas
   * ON CONFLICT waits for that run's outcome, so of two runs inserting at the same instant exactly
   * one row is written. (The conflict target must repeat the index's columns and predicate.)
   */
  async insertOncePerTurn(message: Message): Promise<Message | null> {
    if (typeof message.msgMetadata.turn_key !== 'string') {
      throw new Error('insertOncePerTurn needs msg_metadata.turn_key: use a plain insert instead');
    }
    const rows: { id: number }[] = await this.ds.query(
      `INSERT INTO messages (bot_id, chat_db_id, kind, text, reply_to_message_id, reply_to_db_id,
                             msg_metadata, state, state_reason)
       VALUES ($1, $2, $3::message_kind, $4, $5, $6, $7::jsonb, $8::message_state, $9)
       ON CONFLICT (chat_db_id, (msg_metadata->>'turn_key')) WHERE msg_metadata ? 'turn_key'
       DO NOTHING
       RETURNING id`,
      [
        message.botId ?? null,
        message.chatDbId ?? null,
        message.kind ?? MessageKind.Text,
        message.text ?? '',
        message.replyToMessageId ?? null,
        message.replyToDbId ?? null,
        JSON.stringify(message.msgMetadata),
        message.state ?? MessageState.Planned,
        message.stateReason ?? null,
      ],
    );
    if (rows.length === 0) {
      return null;
    }
    message.id = rows[0].id;
    return message;
  }

  /** planned → sending, counting the attempt. Null when the message is not `planned` any more. */
  async claimForSending(id: number): Promise<Message | null> {
    // The claimed row comes back from the UPDATE itself: one round trip, and exactly the row as
    // this claim left it. The columns are named, not `*`: a prepared statement whose result gains
    // a column (a migration run while this process lives) fails instead of planning again.
    const [rows]: [Record<string, unknown>[], number] = await this.ds.query(this.claimSql, [
      MessageState.Sending,
      id,
      MessageState.Planned,
    ]);
    return rows[0] ? hydrateEntity(this.ds, Message, rows[0]) : null;
  }

  /**
   * sending → sent with Telegram's message id. Also unknown → sent: a worker that stalled past its
   * lock mid-call finds its row judged `unknown` by then, and Telegram's late answer is the truth.
   */
  async markSent(
    id: number,
    telegramMessageId: number | null,
    sentAt = new Date(),
  ): Promise<boolean> {
    return this.transition(id, [MessageState.Sending, MessageState.Unknown], MessageState.Sent, {
      telegramMessageId,
      sentAt,
      stateReason: null,
    });
  }

  /** sending → planned: the request provably did not leave (e.g. refused before sending). */
  async releaseToPlanned(id: number): Promise<boolean> {
    return this.transition(id, [MessageState.Sending], MessageState.Planned, {});
  }

  /** Any non-final state → failed (a permanent error with its reason). */
  async markFailed(id: number, reason: StateReason): Promise<boolean> {
    return this.transition(
      id,
      [MessageState.Planned, MessageState.Generating, MessageState.Sending],
      MessageState.Failed,
      { stateReason: formatReason(reason) },
    );
  }

  /** planned/generating → skipped (an expected no-op: limits, simulation stopped, duplicate…). */
  async markSkipped(id: number, reason: StateReason): Promise<boolean> {
    return this.transition(
      id,
      [MessageState.Planned, MessageState.Generating],
      MessageState.Skipped,
      { stateReason: formatReason(reason) },
    );
  }

  /** sending → unknown: the request may have reached Telegram; it is never sent again. */
  async markUnknown(id: number, reason: StateReason): Promise<boolean> {
    return this.transition(id, [MessageState.Sending], MessageState.Unknown, {
      stateReason: formatReason(reason),
    });
  }

  async find(id: number): Promise<Message | null> {
    return this.ds.getRepository(Message).findOneBy({ id });
  }

  /**
   * The compare-and-set: `to` (with `values`) only from one of the `from` states. Raw SQL, as
   * the claim: the builder's own work was a visible share of a send's cost, twice per message.
   */
  private async transition(
    id: number,
    from: MessageState[],
    to: MessageState,
    values: Partial<Pick<Message, 'telegramMessageId' | 'sentAt' | 'stateReason'>>,
  ): Promise<boolean> {
    const params: unknown[] = [to, id, from];
    const assignments = TRANSITION_COLUMNS.filter(([property]) => property in values).map(
      ([property, column]) => {
        params.push(values[property]);
        return `, ${column} = $${params.length}`;
      },
    );
    const [, affected]: [unknown[], number] = await this.ds.query(
      `UPDATE messages SET state = $1${assignments.join('')}, updated_at = now()
        WHERE id = $2 AND state = ANY($3::message_state[])`,
      params,
    );
    return affected === 1;
  }
}
