import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { hydrateEntity } from '../database/hydrate-entity.util';
import { Message, MessageKind, MessageState } from './entities/message.entity';

/** Why a message ended `failed`, `skipped` or `unknown`: a stable code plus a human detail. */
export interface StateReason {
  code: string;
  detail?: string;
}

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
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

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
    // this claim left it.
    const result = await this.ds
      .createQueryBuilder()
      .update(Message)
      .set({ state: MessageState.Sending, attempts: () => 'attempts + 1' })
      .where('id = :id AND state = :planned', { id, planned: MessageState.Planned })
      .returning('*')
      .execute();
    const row = (result.raw as Record<string, unknown>[])[0];
    return row ? hydrateEntity(this.ds, Message, row) : null;
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

  private async transition(
    id: number,
    from: MessageState[],
    to: MessageState,
    values: Partial<Pick<Message, 'telegramMessageId' | 'sentAt' | 'stateReason'>>,
  ): Promise<boolean> {
    const result = await this.ds
      .createQueryBuilder()
      .update(Message)
      .set({ state: to, ...values })
      .where('id = :id AND state IN (:...from)', { id, from })
      .execute();
    return (result.affected ?? 0) === 1;
  }
}
