import { OpenAPIObject } from '@nestjs/swagger';
import { Access } from '../../auth/route-policy';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** "/settings/{key}" (OpenAPI) → "/settings/:key" (Express, as ROUTE_POLICY keys it). */
export function expressPath(openApiPath: string): string {
  return openApiPath.replace(/\{([^}]+)\}/g, ':$1');
}

/**
 * Writes each operation's required role into the document from ROUTE_POLICY — the table the
 * access guard enforces — so the documentation cannot drift from the enforcement:
 * `x-required-role`, a "Requires: …" line in the description and the security requirement.
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
      const key = `${method.toUpperCase()} ${expressPath(path)}`;
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
    }
  }
  return missing;
}
