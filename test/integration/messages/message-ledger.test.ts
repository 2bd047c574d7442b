import { DataSource } from 'typeorm';
import { Message, MessageKind, MessageState } from '../../../src/messages/entities/message.entity';
import { MessageLedger } from '../../../src/messages/message-ledger.service';
import {
  BotFactory,
  ChatFactory,
  MessageFactory,
} from '../../support/factories/chat-message.factory';
import { TestDatabase } from '../../support/test-database';

describe('MessageLedger (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let ledger: MessageLedger;
  let botId: number;
  let chatDbId: number;

  beforeAll(async () => {
    db = await TestDatabase.migrated('ledger');
    ds = await db.dataSource();
    ledger = new MessageLedger(ds);
    botId = (await BotFactory.create(ds)).id;
    chatDbId = (await ChatFactory.create(ds)).id;
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  const planned = () => MessageFactory.create(ds, { botId, chatDbId });

  it('lets exactly one of many concurrent claims take a planned message', async () => {
    const message = await planned();
    const claims = await Promise.all(
      Array.from({ length: 10 }, () => ledger.claimForSending(message.id)),
    );
    expect(claims.filter((c) => c !== null)).toHaveLength(1);
    const row = await ledger.find(message.id);
    expect(row?.state).toBe(MessageState.Sending);
    expect(row?.attempts).toBe(1);
  });

  it('records the Telegram id when sent, and refuses to send a sent message again', async () => {
    const message = await planned();
    await ledger.claimForSending(message.id);
    expect(await ledger.markSent(message.id, 4242)).toBe(true);
    expect(await ledger.claimForSending(message.id)).toBeNull();
    expect(await ledger.markSent(message.id, 9999)).toBe(false);
    const row = await ledger.find(message.id);
    expect(row).toMatchObject({ state: MessageState.Sent, telegramMessageId: 4242 });
    expect(row?.sentAt).toBeInstanceOf(Date);
  });

  it('turns an interrupted send into unknown (never resent), with the reason', async () => {
    const message = await planned();
    await ledger.claimForSending(message.id);
    expect(await ledger.markUnknown(message.id, { code: 'timeout_after_send' })).toBe(true);
    expect(await ledger.claimForSending(message.id)).toBeNull();
    expect((await ledger.find(message.id))?.stateReason).toBe('timeout_after_send');
  });

  it('records a late answer of Telegram for a send already judged unknown', async () => {
    const message = await planned();
    await ledger.claimForSending(message.id);
    await ledger.markUnknown(message.id, { code: 'interrupted_during_send' });
    expect(await ledger.markSent(message.id, 77)).toBe(true);
    expect(await ledger.find(message.id)).toMatchObject({
      state: MessageState.Sent,
      telegramMessageId: 77,
      stateReason: null,
    });
    expect(await ledger.claimForSending(message.id)).toBeNull();
  });

  it('can hand a claim back when the request provably did not leave', async () => {
    const message = await planned();
    await ledger.claimForSending(message.id);
    expect(await ledger.releaseToPlanned(message.id)).toBe(true);
    expect((await ledger.claimForSending(message.id))?.attempts).toBe(2);
  });

  it('lets one turn write one row: a late second run of the turn is refused', async () => {
    const repo = ds.getRepository(Message);
    const turnRow = (overrides: Partial<Message>) =>
      repo.create({
        botId,
        chatDbId,
        text: 'ilk',
        msgMetadata: { turn_key: 'turn-x-1' },
        ...overrides,
      });
    const first = await ledger.insertOncePerTurn(turnRow({ kind: MessageKind.Reaction }));
    expect(first?.id).toEqual(expect.any(Number));
    expect(await ledger.find(first?.id as number)).toMatchObject({
      kind: MessageKind.Reaction,
      state: MessageState.Planned,
      text: 'ilk',
      msgMetadata: { turn_key: 'turn-x-1' },
    });
    expect(
      await ledger.insertOncePerTurn(
        turnRow({ text: '', state: MessageState.Skipped, stateReason: 'duplicate' }),
      ),
    ).toBeNull();
    const otherChat = (await ChatFactory.create(ds)).id;
    expect(await ledger.insertOncePerTurn(turnRow({ chatDbId: otherChat }))).not.toBeNull();
    expect(await repo.countBy({ chatDbId })).toBeGreaterThan(0);
    await expect(ledger.insertOncePerTurn(turnRow({ msgMetadata: {} }))).rejects.toThrow(
      /needs msg_metadata.turn_key/,
    );
  });

  it('keeps final states final', async () => {
    const message = await planned();
    expect(await ledger.markSkipped(message.id, { code: 'duplicate', detail: 'same as #12' })).toBe(
      true,
    );
    expect(await ledger.markFailed(message.id, { code: 'late' })).toBe(false);
    expect(await ledger.claimForSending(message.id)).toBeNull();
    expect((await ledger.find(message.id))?.stateReason).toBe('duplicate: same as #12');
  });
});
