import { OpenAPIObject } from '@nestjs/swagger';
import { Access } from '../../auth/route-policy';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

const ERROR_BODY_REF = '#/components/schemas/ErrorBody';

/** 401 and 403 follow from the policy itself, so every protected route documents them. */
const AUTH_ERRORS: Record<'401' | '403', string> = {
  '401': 'No valid credentials (session cookie or X-API-Key)',
  '403': 'The role is not sufficient for this route',
};

/** "/settings/{key}" (OpenAPI) → "/settings/:key" (the router's pattern, as ROUTE_POLICY keys it). */
export function routerPath(openApiPath: string): string {
  return openApiPath.replace(/\{([^}]+)\}/g, ':$1');
}

/**
 * Writes each operation's required role into the document from ROUTE_POLICY — the table the
 * access guard enforces — so the documentation cannot drift from the enforcement:
 * `x-required-role`, a "Requires: …" line in the description, the security requirement, and the
 * 401/403 answers (with the ErrorBody schema, which the document must list) of protected routes.
 * Returns the operations that have no policy entry (the guard refuses them; a test fails on any).
 */
export function annotateRequiredRoles(
  document: OpenAPIObject,
  policy: Record<string, Access>,
): string[] {
  const missing: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) {
        continue;
      }
      const key = `${method.toUpperCase()} ${routerPath(path)}`;
      const access = policy[key];
      if (access === undefined) {
        missing.push(key);
        continue;
      }
      const line =
        access === 'public'
          ? 'Requires: no authentication.'
          : `Requires: ${access} role or higher.`;
      Object.assign(operation, {
        'x-required-role': access,
        description: operation.description ? `${operation.description}\n\n${line}` : line,
        security: access === 'public' ? [] : [{ 'api-key': [] }, { cookie: [] }],
      });
      if (access !== 'public') {
        for (const [status, description] of Object.entries(AUTH_ERRORS)) {
          operation.responses[status] ??= {
            description,
            content: { 'application/json': { schema: { $ref: ERROR_BODY_REF } } },
          };
        }
      }
    }
  }
  return missing;
}
