import { DataSource } from 'typeorm';
import { Message, MessageKind, MessageState } from '../../../src/messages/entities/message.entity';

/** Messages written straight to the database for read-side tests (logs, metrics). */
export const MessageFactory = {
  async create(ds: DataSource, overrides: Partial<Message> = {}): Promise<Message> {
    const repo = ds.getRepository(Message);
    return repo.save(
      repo.create({
        kind: MessageKind.Text,
        state: MessageState.Sent,
        text: 'Piyasalar bugün sakin.',
        msgMetadata: {},
        ...overrides,
      }),
    );
  },
};
