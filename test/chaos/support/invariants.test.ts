import { MessageKind, MessageState } from '../../../src/messages/entities/message.entity';
import type {
  FakeTelegramMessage,
  FakeTelegramReaction,
} from '../../support/fakes/fake-telegram-server';
import { findInvariantViolations, InvariantInput, LedgerRow } from './invariants';

const CHAT = -1001;
const TOKENS: Record<string, number> = { 't-1': 1, 't-2': 2 };

function row(overrides: Partial<LedgerRow> & Pick<LedgerRow, 'id'>): LedgerRow {
  return {
    botId: 1,
    kind: MessageKind.Text,
    state: MessageState.Sent,
    text: `line ${overrides.id}`,
    telegramMessageId: overrides.id,
    replyToMessageId: null,
    chatTelegramId: CHAT,
    ...overrides,
  };
}

function accepted(messageId: number, text: string, token = 't-1'): FakeTelegramMessage {
  return { at: messageId, token, chatId: CHAT, messageId, text, params: {} };
}

function reaction(messageId: number, token = 't-1'): FakeTelegramReaction {
  return { token, chatId: CHAT, messageId, reaction: [{ type: 'emoji', emoji: '🔥' }] };
}

function check(input: Partial<InvariantInput>) {
  return findInvariantViolations({
    rows: [],
    accepted: [],
    reactions: [],
    limitViolations: [],
    botIdOfToken: (token) => TOKENS[token],
    ...input,
  });
}

const kinds = (input: Partial<InvariantInput>) => check(input).violations.map((v) => v.kind);

describe('ledger invariant checker', () => {
  it('accepts a ledger that matches what Telegram accepted', () => {
    const report = check({
      rows: [
        row({ id: 1 }),
        row({ id: 2, botId: 2 }),
        row({ id: 3, state: MessageState.Unknown, telegramMessageId: null }),
        row({ id: 4, state: MessageState.Unknown, telegramMessageId: null }),
        row({ id: 5, state: MessageState.Failed, telegramMessageId: null }),
        row({
          id: 6,
          kind: MessageKind.Reaction,
          text: '🔥',
          telegramMessageId: null,
          replyToMessageId: 1,
        }),
      ],
      // Row 3's request reached Telegram before the answer was lost; row 4's did not.
      accepted: [accepted(1, 'line 1'), accepted(2, 'line 2', 't-2'), accepted(3, 'line 3')],
      reactions: [reaction(1)],
    });
    expect(report.violations).toEqual([]);
    expect(report.byState).toMatchObject({ sent: 3, unknown: 2, failed: 1 });
    expect(report).toMatchObject({ rows: 6, acceptedSends: 3, acceptedReactions: 1 });
  });

  it('reports a message Telegram accepted twice', () => {
    expect(
      kinds({ rows: [row({ id: 1 })], accepted: [accepted(1, 'line 1'), accepted(2, 'line 1')] }),
    ).toEqual(['duplicate_send']);
  });

  it('reports two reactions set for one row, but not the same reaction set again', () => {
    const rows = [
      row({ id: 1, kind: MessageKind.Reaction, telegramMessageId: null, replyToMessageId: 9 }),
    ];
    const other = { ...reaction(9), reaction: [{ type: 'emoji', emoji: '👍' }] };
    expect(kinds({ rows, reactions: [reaction(9), other] })).toEqual(['duplicate_send']);
    // A retry after a lost answer sets what is already set: the chat shows one reaction.
    expect(kinds({ rows, reactions: [reaction(9), reaction(9)] })).toEqual([]);
  });

  it('reports a send no row records, and one whose row says it failed', () => {
    expect(kinds({ accepted: [accepted(1, 'stray')] })).toEqual(['unrecorded_send']);
    expect(
      kinds({
        rows: [row({ id: 1, state: MessageState.Failed, telegramMessageId: null })],
        accepted: [accepted(1, 'line 1')],
      }),
    ).toEqual(['send_not_recorded']);
  });

  it('reports rows left in flight and sent rows Telegram does not know', () => {
    expect(
      kinds({
        rows: [
          row({ id: 1, state: MessageState.Sending, telegramMessageId: null }),
          row({ id: 2, telegramMessageId: null }),
          row({ id: 3, telegramMessageId: 77 }),
        ],
        accepted: [accepted(1, 'line 3')],
      }),
    ).toEqual(['not_final', 'sent_without_telegram_id', 'sent_not_accepted']);
  });

  it('tells sends of different bots with the same text apart', () => {
    expect(
      kinds({
        rows: [row({ id: 1, text: 'aynı' })],
        accepted: [accepted(1, 'aynı'), accepted(2, 'aynı', 't-2')],
      }),
    ).toEqual(['unrecorded_send']);
  });

  it('reports a turn that wrote two rows', () => {
    expect(
      kinds({
        rows: [
          row({ id: 1, turnKey: 'turn-1-100' }),
          row({ id: 2, turnKey: 'turn-1-100', state: MessageState.Skipped }),
          row({
            id: 3,
            turnKey: 'turn-1-200',
            telegramMessageId: null,
            state: MessageState.Failed,
          }),
          row({ id: 4, turnKey: null, telegramMessageId: null, state: MessageState.Failed }),
          row({ id: 5, turnKey: null, telegramMessageId: null, state: MessageState.Failed }),
        ],
        accepted: [accepted(1, 'line 1')],
      }),
    ).toEqual(['duplicate_turn']);
  });

  it('reports every limit the fake Telegram saw broken', () => {
    const report = check({
      limitViolations: [
        {
          rule: 'chat_messages_per_second',
          botId: '1',
          chatId: CHAT,
          method: 'sendMessage',
          at: 5,
        },
      ],
    });
    expect(report.violations).toEqual([
      {
        kind: 'limit_violated',
        detail: expect.stringContaining('chat_messages_per_second') as string,
      },
    ]);
  });
});
