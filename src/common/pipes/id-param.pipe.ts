import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { DomainException } from '../errors/domain.exception';

/** Largest value of a PostgreSQL `integer` (serial ids). */
const MAX_INT4 = 2_147_483_647;

/**
 * Parses a numeric path parameter into a row id. Out-of-range values are refused here: handed to
 * PostgreSQL they would be a 500 ("out of range for type integer") instead of a clear 400.
 */
@Injectable()
export class IdParamPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    const id = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(id) || id < 1 || id > MAX_INT4) {
      throw DomainException.validation([
        { field: metadata.data ?? 'id', reason: 'must be a positive integer id' },
      ]);
    }
    return id;
  }
}
