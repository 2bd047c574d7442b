import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { DomainException } from '../errors/domain.exception';

/** Largest value of a PostgreSQL `integer` (serial ids). */
const MAX_INT4 = 2_147_483_647;

/**
 * A positive integer id from a route parameter, within PostgreSQL's int range: "abc", "0" or
 * "99999999999" answer 400 naming the parameter instead of reaching the database (where an
 * out-of-range value is a 500, "out of range for type integer"). The reason states the bound so
 * a client can see why a long number is refused.
 */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    const id = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(id) || id < 1 || id > MAX_INT4) {
      throw DomainException.validation([
        { field: metadata.data ?? 'id', reason: `must be a positive integer up to ${MAX_INT4}` },
      ]);
    }
    return id;
  }
}
