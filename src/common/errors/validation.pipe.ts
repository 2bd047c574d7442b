import { Type, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainException, FieldError } from './domain.exception';

/** Flattens nested class-validator errors into `{field: "a.b[0].c", reason}` entries. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const path = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    for (const reason of Object.values(error.constraints ?? {})) {
      out.push({ field: path, reason });
    }
    if (error.children && error.children.length > 0) {
      out.push(...flattenValidationErrors(error.children, path));
    }
  }
  return out;
}

/**
 * The global pipe: unknown fields are rejected (not silently dropped) so a typo in a field name
 * is a clear 400, and every failure names the field. With `expectedType` it is the same pipe for
 * one parameter whose class TypeScript cannot reflect (a generic one is reflected as Object, which
 * the global pipe lets through unvalidated).
 */
export function createValidationPipe(expectedType?: Type): ValidationPipe {
  return new ValidationPipe({
    expectedType,
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => DomainException.validation(flattenValidationErrors(errors)),
  });
}
