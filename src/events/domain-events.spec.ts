import { parseDomainEvent } from './domain-events';

describe('parseDomainEvent', () => {
  it('parses the known event types', () => {
    expect(parseDomainEvent('{"type":"settings_updated","keys":["scale_factor"]}')).toEqual({
      type: 'settings_updated',
      keys: ['scale_factor'],
    });
    expect(parseDomainEvent('{"type":"bot_changed","bot_id":3}')).toEqual({
      type: 'bot_changed',
      bot_id: 3,
    });
  });

  it('ignores malformed messages and types this process does not know', () => {
    for (const raw of ['', 'not json', 'null', '42', '{"keys":[]}', '{"type":"from_the_future"}']) {
      expect(parseDomainEvent(raw)).toBeNull();
    }
  });
});
