import { FastifyInstance } from 'fastify';
import { DomainException } from '../errors/domain.exception';

const OBJECT_OR_ARRAY = /^\s*[[{]/;

function malformed(reason: string): DomainException {
  return DomainException.validation(
    [{ field: 'body', reason: `malformed JSON: ${reason}` }],
    'Request body is not valid JSON',
  );
}

/**
 * The API's only body parser: JSON objects and arrays, nothing else (other media types are
 * answered 415 by Fastify, a body over the server's bodyLimit, BODY_LIMIT, 413). Malformed JSON is a validation error on
 * the field "body" in the one error shape; an empty body is an empty object, as clients that send
 * a Content-Type with no body (a bodiless POST) expect. Prototype-poisoning keys are refused by
 * Fastify's own parser, which does the parsing.
 */
export function useJsonBodyParser(instance: FastifyInstance): void {
  const parse = instance.getDefaultJsonParser('error', 'error');
  instance.removeAllContentTypeParsers();
  instance.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (request, body, done) => {
      const text = body as string;
      if (text.trim() === '') {
        done(null, {});
        return;
      }
      if (!OBJECT_OR_ARRAY.test(text)) {
        done(malformed('the body must be a JSON object or array'), undefined);
        return;
      }
      void parse(request, text, (error, value) =>
        error ? done(malformed(error.message), undefined) : done(null, value),
      );
    },
  );
}
