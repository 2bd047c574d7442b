import { ValidateBy, ValidateIf, ValidationArguments, ValidationOptions } from 'class-validator';
import { findJsonLimitViolation, JsonLimits, PROFILE_JSON_LIMITS } from './json-limits.util';
import { isSafeText } from './safe-text';

/*
 * Small field decorators shared by the DTOs. Their point is the edge cases a plain @IsOptional()
 * gets wrong: @IsOptional() also lets `null` through, which for a NOT NULL column turns a client
 * mistake into a database error (500).
 */

/** Validate the field only when it is present; `null` is still validated (and so refused). */
export function OptionalField(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

/** Validate the field only when present and not null: `null` is a meaningful "clear" value. */
export function NullableField(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined && value !== null);
}

/** No NUL, control characters or unpaired surrogates (see safe-text.ts). */
export function IsSafeText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSafeText',
      validator: {
        validate: (value: unknown) =>
          (typeof value === 'string' && isSafeText(value)) ||
          (Array.isArray(value) && value.every((v) => typeof v !== 'string' || isSafeText(v))),
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'value'} contains characters that are not allowed`,
      },
    },
    options,
  );
}

/** A JSON object within the given size, depth and string limits (profiles stored as given). */
export function IsBoundedJsonObject(
  limits: JsonLimits = PROFILE_JSON_LIMITS,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isBoundedJsonObject',
      validator: {
        validate: (value: unknown) => findJsonLimitViolation(value, limits) === null,
        defaultMessage: (args?: ValidationArguments) => {
          const found = findJsonLimitViolation(args?.value, limits);
          return `${args?.property ?? 'value'}${found?.path ?? ''} ${found?.reason ?? 'is invalid'}`;
        },
      },
    },
    options,
  );
}

/** Valid when `parse(value)` does not throw; the message is the parser's reason. */
export function SatisfiesParser(
  parse: (value: unknown) => unknown,
  options?: ValidationOptions,
): PropertyDecorator {
  const reason = (value: unknown): string | null => {
    try {
      parse(value);
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : 'is invalid';
    }
  };
  return ValidateBy(
    {
      name: 'satisfiesParser',
      validator: {
        validate: (value: unknown) => reason(value) === null,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'value'} ${reason(args?.value) ?? 'is invalid'}`,
      },
    },
    options,
  );
}

const ISO_DATE_TIME =
  /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO-8601 date or date-time between years 1970 and 9999 (what timestamptz stores sanely). */
export function IsIsoDateTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoDateTime',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !ISO_DATE_TIME.test(value)) {
            return false;
          }
          const time = Date.parse(value);
          return Number.isFinite(time) && time >= 0 && time < Date.UTC(10000, 0, 1);
        },
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'value'} must be an ISO-8601 date-time such as 2025-01-31T09:30:00Z`,
      },
    },
    options,
  );
}
