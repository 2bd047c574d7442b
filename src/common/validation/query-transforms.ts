import { TransformFnParams } from 'class-transformer';

/** "true"/"false" query strings to booleans; anything else is left for @IsBoolean to refuse. */
export function queryBoolean({ value }: TransformFnParams): unknown {
  return value === 'true' ? true : value === 'false' ? false : value;
}

/** Digit-only query strings to numbers; anything else is left for @IsInt to refuse. */
export function queryInteger({ value }: TransformFnParams): unknown {
  return typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;
}

/**
 * Rounds a number to 6 decimals for `real` (float4) columns: PostgreSQL refuses values too small
 * for float4 (5e-324 → "value out of range: underflow"), and 6 decimals is all float4 keeps anyway.
 */
export function toReal({ value }: TransformFnParams): unknown {
  return typeof value === 'number' && Number.isFinite(value) ? roundReal(value) : value;
}

export function roundReal(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
