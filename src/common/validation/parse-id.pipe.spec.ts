import { ArgumentMetadata } from '@nestjs/common';
import { DomainException } from '../errors/domain.exception';
import { ErrorCode } from '../errors/error-code';
import { ParseIdPipe } from './parse-id.pipe';

const param = (name: string): ArgumentMetadata => ({ type: 'param', data: name });

describe('ParseIdPipe', () => {
  const pipe = new ParseIdPipe();

  it.each([
    ['1', 1],
    ['42', 42],
    ['2147483647', 2_147_483_647],
  ])('parses %p', (value, id) => {
    expect(pipe.transform(value, param('id'))).toBe(id);
  });

  it.each(['abc', '', '0', '-1', '1.5', '1e3', ' 1', '2147483648', '99999999999'])(
    'refuses %p as a validation failure naming the parameter',
    (value) => {
      let thrown: unknown;
      try {
        pipe.transform(value, param('bot_id'));
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DomainException);
      expect(thrown).toMatchObject({
        code: ErrorCode.ValidationFailed,
        fields: [{ field: 'bot_id', reason: 'must be a positive integer up to 2147483647' }],
      });
    },
  );
});
