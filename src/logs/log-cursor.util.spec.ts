import fc from 'fast-check';
import { decodeLogCursor, encodeLogCursor } from './log-cursor.util';

describe('log cursor', () => {
  it('round-trips any valid position', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        (createdUs, id) => {
          expect(decodeLogCursor(encodeLogCursor({ createdUs, id }))).toEqual({ createdUs, id });
        },
      ),
    );
  });

  it('rejects anything that is not one of its own cursors', () => {
    for (const raw of ['', 'not a cursor', '%%%', Buffer.from('[1]').toString('base64url')]) {
      expect(decodeLogCursor(raw)).toBeNull();
    }
    expect(decodeLogCursor(Buffer.from('[1.5, 2]').toString('base64url'))).toBeNull();
    expect(decodeLogCursor(Buffer.from('[1, 0]').toString('base64url'))).toBeNull();
    expect(decodeLogCursor(Buffer.from('{"a":1}').toString('base64url'))).toBeNull();
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        const result = decodeLogCursor(raw);
        expect(result === null || typeof result.id === 'number').toBe(true);
      }),
    );
  });
});
