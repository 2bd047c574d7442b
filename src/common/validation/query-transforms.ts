import { TransformFnParams } from 'class-transformer';

/** "true"/"false" query strings to booleans; anything else is left for @IsBoolean to refuse. */
export function queryBoolean({ value }: TransformFnParams): unknown {
  return value === 'true' ? true : value === 'false' ? false : value;
}

/** Digit-only query strings to numbers; anything else is left for @IsInt to refuse. */
export function queryInteger({ value }: TransformFnParams): unknown {
  return typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;
}
