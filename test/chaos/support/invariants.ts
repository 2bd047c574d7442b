import { DataSource } from 'typeorm';
import { tokenFingerprint } from '../../../src/bots/bot-token.util';
import {
  FINAL_MESSAGE_STATES,
  MessageKind,
  MessageState,
} from '../../../src/messages/entities/message.entity';
import type {
  FakeTelegramMessage,
  FakeTelegramReaction,
} from '../../support/fakes/fake-telegram-server';
import type { LimitViolation } from '../../support/fakes/telegram-limit-checker';

/**
 * The product's delivery promises, checked after a fault scenario against the two records that
 * must agree: the message ledger (PostgreSQL `messages`) and what the fake Telegram accepted.
 *
 * - never send twice: at most one accepted send per ledger row (text: same bot and text;
 *   reaction: same bot, chat and target message, a repeat of the very same reaction aside);
 * - never lose a message: every bot row ends in a final state (sent | failed | skipped | unknown),
 *   every `sent` row carries the Telegram message id the fake really handed out, and every send
 *   the fake accepted is owned by a `sent` or `unknown` row;
 * - never spam: the fake's replay of Telegram's flood limits finds no violation, and no turn wrote
 *   more than one row (a turn run twice, e.g. by two replicas or after a stall, speaks once).
 *
 * `unknown` is the honest answer for "the request may have reached Telegram": such a row may own
 * one accepted send or none, never two.
 */

export type InvariantViolationKind =
  /** More accepted sends than ledger rows for the same bot and text (or reaction target). */
  | 'duplicate_send'
  /** Telegram accepted something no ledger row of that bot records at all. */
  | 'unrecorded_send'
  /** Telegram accepted it, but its row says failed/skipped/in flight: the ledger lies. */
  | 'send_not_recorded'
  /** A bot row left in planned/generating/sending after the settle time. */
  | 'not_final'
  /** A text row marked sent without the Telegram message id. */
  | 'sent_without_telegram_id'
  /** A row marked sent that the fake Telegram never accepted (or with another id/chat/text). */
  | 'sent_not_accepted'
  /** The fake Telegram saw a flood limit broken. */
  | 'limit_violated'
  /** Two rows carry the same turn key: one turn spoke twice. */
  | 'duplicate_turn';

export interface InvariantViolation {
  kind: InvariantViolationKind;
  detail: string;
}

export interface InvariantReport {
  /** Bot-authored ledger rows considered (human rows are not sends). */
  rows: number;
  byState: Record<MessageState, number>;
  /** Text messages and reactions the fake Telegram accepted. */
  acceptedSends: number;
  acceptedReactions: number;
  violations: InvariantViolation[];
}

/** What the checker reads of the fake Telegram (FakeTelegramServer satisfies it). */
export interface TelegramRecord {
  readonly messages: readonly FakeTelegramMessage[];
  readonly reactionCalls: readonly FakeTelegramReaction[];
  limitViolations(): LimitViolation[];
}

export interface LedgerInvariantOptions {
  dataSource: DataSource;
  telegram: TelegramRecord;
  /**
   * Wait up to this long for in-flight rows to reach a final state before judging (the reaper and
   * BullMQ's stalled-job check need their turn after a crash). Default 0: judge at once.
   */
  settleTimeoutMs?: number;
}

/** One bot-authored row of the ledger, with its chat's Telegram id. */
export interface LedgerRow {
  id: number;
  botId: number;
  kind: MessageKind;
  state: MessageState;
  text: string;
  telegramMessageId: number | null;
  replyToMessageId: number | null;
  /** Telegram id of the row's chat (null if the chat was deleted). */
  chatTelegramId: number | null;
  /** The turn that wrote it (msg_metadata.turn_key; null for rows written outside a turn). */
  turnKey?: string | null;
}

/** The inputs of the pure check: the ledger, what Telegram accepted, and who owns each token. */
export interface InvariantInput {
  rows: readonly LedgerRow[];
  accepted: readonly FakeTelegramMessage[];
  reactions: readonly FakeTelegramReaction[];
  limitViolations: readonly LimitViolation[];
  /** Bot id per token the fake saw (undefined: no bot of the database has that token). */
  botIdOfToken: (token: string) => number | undefined;
}

const OWNING_STATES: readonly MessageState[] = [MessageState.Sent, MessageState.Unknown];

/**
 * Reads the ledger and the fake Telegram, waits for in-flight rows to settle (optional) and
 * throws one error listing every violation; returns the report when there is none.
 */
export async function assertLedgerInvariants(
  options: LedgerInvariantOptions,
): Promise<InvariantReport> {
  const report = await checkLedgerInvariants(options);
  if (report.violations.length > 0) {
    throw new Error(
      `${report.violations.length} ledger invariant violation(s):\n` +
        report.violations.map((v) => `  ${v.kind}: ${v.detail}`).join('\n') +
        `\nrows by state: ${JSON.stringify(report.byState)}, accepted sends ${report.acceptedSends}, ` +
        `accepted reactions ${report.acceptedReactions}`,
    );
  }
  return report;
}

/** Like assertLedgerInvariants, but returns the report with its violations instead of throwing. */
export async function checkLedgerInvariants(
  options: LedgerInvariantOptions,
): Promise<InvariantReport> {
  const { dataSource, telegram } = options;
  const rows = await settledRows(dataSource, options.settleTimeoutMs ?? 0);
  const botIds = await botIdsByFingerprint(dataSource);
  return findInvariantViolations({
    rows,
    accepted: telegram.messages,
    reactions: telegram.reactionCalls,
    limitViolations: telegram.limitViolations(),
    botIdOfToken: (token) => botIds.get(tokenFingerprint(token)),
  });
}

/** The check itself, pure: the same input always gives the same report. */
export function findInvariantViolations(input: InvariantInput): InvariantReport {
  const violations: InvariantViolation[] = [];
  const byState = Object.fromEntries(
    Object.values(MessageState).map((state) => [state, 0]),
  ) as Record<MessageState, number>;
  for (const row of input.rows) {
    byState[row.state] += 1;
    if (!FINAL_MESSAGE_STATES.includes(row.state)) {
      violations.push({
        kind: 'not_final',
        detail: `message ${row.id} (bot ${row.botId}) still ${row.state}`,
      });
    }
  }

  const texts = input.rows.filter((r) => r.kind === MessageKind.Text);
  const reactions = input.rows.filter((r) => r.kind === MessageKind.Reaction);
  const textKey = (botId: number | undefined, text: string) => `${botId ?? '?'}|${text}`;
  const reactionKey = (botId: number | undefined, chat: unknown, target: unknown) =>
    `${botId ?? '?'}|${String(chat)}|${String(target)}`;

  compareGroups(
    'message',
    groupBy(texts, (r) => textKey(r.botId, r.text)),
    groupBy(input.accepted, (m) => textKey(input.botIdOfToken(m.token), m.text)),
    violations,
  );
  const acceptedReactionKey = (c: FakeTelegramReaction) =>
    reactionKey(input.botIdOfToken(c.token), c.chatId, c.messageId);
  compareGroups(
    'reaction',
    groupBy(reactions, (r) => reactionKey(r.botId, r.chatTelegramId, r.replyToMessageId)),
    groupBy(distinctReactions(input.reactions, acceptedReactionKey), acceptedReactionKey),
    violations,
  );

  // Every sent text row points at the very message Telegram accepted: same chat, id, bot, text.
  const acceptedById = new Map(
    input.accepted.map((m) => [`${String(m.chatId)}|${m.messageId}`, m]),
  );
  for (const row of texts.filter((r) => r.state === MessageState.Sent)) {
    if (row.telegramMessageId === null) {
      violations.push({
        kind: 'sent_without_telegram_id',
        detail: `message ${row.id} (bot ${row.botId}) is sent without a Telegram message id`,
      });
      continue;
    }
    const match = acceptedById.get(`${String(row.chatTelegramId)}|${row.telegramMessageId}`);
    if (!match || input.botIdOfToken(match.token) !== row.botId || match.text !== row.text) {
      violations.push({
        kind: 'sent_not_accepted',
        detail:
          `message ${row.id} (bot ${row.botId}) is sent as Telegram message ` +
          `${row.telegramMessageId} in chat ${String(row.chatTelegramId)}, which Telegram did not accept as such`,
      });
    }
  }

  for (const [turnKey, rows] of groupBy(
    input.rows.filter((r) => r.turnKey),
    (r) => r.turnKey as string,
  )) {
    if (rows.length > 1) {
      violations.push({
        kind: 'duplicate_turn',
        detail: `turn ${turnKey} wrote ${rows.length} rows (${rows.map((r) => `${r.id}:${r.state}`).join(', ')})`,
      });
    }
  }

  for (const limit of input.limitViolations) {
    violations.push({
      kind: 'limit_violated',
      detail: `${limit.rule} by bot ${limit.botId} in chat ${String(limit.chatId)} (${limit.method} at ${limit.at})`,
    });
  }

  return {
    rows: input.rows.length,
    byState,
    acceptedSends: input.accepted.length,
    acceptedReactions: input.reactions.length,
    violations,
  };
}

/** Per key: accepted sends may not outnumber the rows that can own one (sent or unknown). */
function compareGroups(
  what: 'message' | 'reaction',
  rowsByKey: Map<string, LedgerRow[]>,
  acceptedByKey: Map<string, unknown[]>,
  violations: InvariantViolation[],
): void {
  for (const [key, accepted] of acceptedByKey) {
    const rows = rowsByKey.get(key) ?? [];
    const owners = rows.filter((r) => OWNING_STATES.includes(r.state)).length;
    if (accepted.length <= owners) {
      continue;
    }
    const ids = rows.map((r) => `${r.id}:${r.state}`).join(', ');
    if (rows.length === 0) {
      violations.push({
        kind: 'unrecorded_send',
        detail: `${accepted.length} accepted ${what}(s) [${key}] without any ledger row`,
      });
    } else if (accepted.length > rows.length) {
      violations.push({
        kind: 'duplicate_send',
        detail: `${accepted.length} accepted ${what}s [${key}] for ${rows.length} row(s) (${ids})`,
      });
    } else {
      violations.push({
        kind: 'send_not_recorded',
        detail: `${accepted.length} accepted ${what}(s) [${key}] but only ${owners} row(s) sent or unknown (${ids})`,
      });
    }
  }
}

/**
 * A reaction call sets the bot's reaction on a message: the same one set again changes nothing in
 * the chat. The engine relies on it (a reaction whose answer was lost is simply retried, see
 * telegram-error-classifier.util.ts), so only a different reaction on the same target counts twice.
 */
function distinctReactions(
  calls: readonly FakeTelegramReaction[],
  key: (call: FakeTelegramReaction) => string,
): FakeTelegramReaction[] {
  const seen = new Set<string>();
  return calls.filter((call) => {
    const identity = `${key(call)}|${JSON.stringify(call.reaction)}`;
    if (seen.has(identity)) {
      return false;
    }
    seen.add(identity);
    return true;
  });
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) {
      group.push(item);
    } else {
      groups.set(k, [item]);
    }
  }
  return groups;
}

/** Bot rows of the ledger, after waiting (up to `timeoutMs`) for none to be in flight. */
async function settledRows(ds: DataSource, timeoutMs: number): Promise<LedgerRow[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await ledgerRows(ds);
    const inFlight = rows.some((r) => !FINAL_MESSAGE_STATES.includes(r.state));
    if (!inFlight || Date.now() >= deadline) {
      return rows;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function ledgerRows(ds: DataSource): Promise<LedgerRow[]> {
  const raw: {
    id: number;
    bot_id: number;
    kind: MessageKind;
    state: MessageState;
    text: string;
    telegram_message_id: number | null;
    reply_to_message_id: number | null;
    chat_telegram_id: number | null;
    turn_key: string | null;
  }[] = await ds.query(
    `SELECT m.id, m.bot_id, m.kind, m.state, m.text, m.telegram_message_id,
            m.reply_to_message_id, c.chat_id AS chat_telegram_id,
            m.msg_metadata->>'turn_key' AS turn_key
       FROM messages m LEFT JOIN chats c ON c.id = m.chat_db_id
      WHERE m.bot_id IS NOT NULL
      ORDER BY m.id`,
  );
  return raw.map((r) => ({
    id: r.id,
    botId: r.bot_id,
    kind: r.kind,
    state: r.state,
    text: r.text,
    telegramMessageId: r.telegram_message_id,
    replyToMessageId: r.reply_to_message_id,
    chatTelegramId: r.chat_telegram_id,
    turnKey: r.turn_key,
  }));
}

/** Tokens are stored encrypted; their SHA-256 fingerprint identifies the bot without a key. */
async function botIdsByFingerprint(ds: DataSource): Promise<Map<string, number>> {
  const raw: { id: number; token_fingerprint: string }[] = await ds.query(
    `SELECT id, token_fingerprint FROM bots WHERE token_fingerprint IS NOT NULL`,
  );
  return new Map(raw.map((r) => [r.token_fingerprint, r.id]));
}
