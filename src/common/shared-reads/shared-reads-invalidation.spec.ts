import { DomainEvent } from '../../events/domain-events';
import { DomainEventBus, DomainEventListener } from '../../events/domain-event-bus.service';
import { SharedReads } from './shared-reads';
import { SharedReadsInvalidation } from './shared-reads-invalidation.service';

describe('SharedReadsInvalidation', () => {
  let listener: DomainEventListener;
  let reads: SharedReads;
  let computed: number;
  const read = () => reads.share('bots.list {}', 60_000, () => Promise.resolve(++computed));

  beforeEach(async () => {
    computed = 0;
    reads = new SharedReads();
    const bus = {
      listen: (l: DomainEventListener) => {
        listener = l;
        return () => undefined;
      },
    } as unknown as DomainEventBus;
    new SharedReadsInvalidation(reads, bus).onModuleInit();
    await read();
    await new Promise((r) => setImmediate(r));
  });

  it.each<DomainEvent>([
    { type: 'bot_status', bot_id: 1, status: 'error', reason: 'token refused' },
    { type: 'bot_changed', bot_id: 1 },
    { type: 'chat_changed', chat_id: 2 },
    { type: 'settings_updated', keys: ['scale_factor'] },
    { type: 'control', action: 'stop', simulation_active: false },
  ])('computes again after another process announces $type', async (event) => {
    listener.onEvent(event);
    await expect(read()).resolves.toBe(2);
  });

  it('keeps the shared result on message events and recomputes after a resync', async () => {
    listener.onEvent({
      type: 'message_failed',
      message_id: 1,
      chat_id: 1,
      bot_id: 1,
      state: 'failed',
      reason: 'x',
    });
    await expect(read()).resolves.toBe(1);
    listener.onResync();
    await expect(read()).resolves.toBe(2);
  });
});
