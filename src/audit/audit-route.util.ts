import { redactSecrets } from '../common/logging/redact';

/** Namespaces that group routes without naming a resource. */
const NAMESPACES = new Set(['api', 'auth']);

/**
 * Resource type of a route: the static segment before the first parameter
 * ("/bots/:id/stances" → "bots", "/bots/stances/:id" → "stances"), else the first segment after a
 * namespace ("/auth/api-keys" → "api_keys", "/control/start" → "control").
 */
export function resourceTypeOf(routePath: string): string {
  const segments = routePath.split('/').filter(Boolean);
  const firstParam = segments.findIndex((s) => s.startsWith(':'));
  let name: string | undefined;
  if (firstParam > 0) {
    name = segments[firstParam - 1];
  } else {
    const rest = segments.length > 1 && NAMESPACES.has(segments[0]) ? segments.slice(1) : segments;
    name = rest[0];
  }
  return (name ?? 'root').replace(/-/g, '_').slice(0, 64);
}

/** "POST /bots/:id/stances": method and route, the stable name of what was done. */
export function actionOf(method: string, routePath: string): string {
  return `${method.toUpperCase()} ${routePath}`.slice(0, 64);
}

/** The first route parameter's value ("/bots/:id" → "12"), else the created row's id, else null. */
export function resourceIdOf(params: Record<string, string>, responseBody: unknown): string | null {
  const first = Object.values(params)[0];
  if (typeof first === 'string' && first.length > 0) {
    return first.slice(0, 64);
  }
  if (responseBody !== null && typeof responseBody === 'object' && 'id' in responseBody) {
    const id = responseBody.id;
    if (typeof id === 'number' || typeof id === 'string') {
      return String(id).slice(0, 64);
    }
  }
  return null;
}

const SECRET_FIELD =
  /(password|secret|token|api_key|apikey|authorization|cookie|session|totp|mfa_code|^code$|^key$)/i;

/**
 * Names of the fields a request body set, two levels deep ("updates.max_messages_per_hour").
 * Values are never recorded (knowing that a password changed is the point, not the password);
 * names pass through redactSecrets in case a client used a secret as a map key, and secret-bearing
 * objects are not descended into.
 */
export function changedFieldNames(body: unknown, prefix = '', depth = 0): string[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return [];
  }
  const out: string[] = [];
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    const name = redactSecrets(prefix ? `${prefix}.${key}` : key).slice(0, 100);
    const nested =
      depth < 1 && !SECRET_FIELD.test(key) && value !== null && typeof value === 'object'
        ? changedFieldNames(value, name, depth + 1)
        : [];
    out.push(...(nested.length > 0 ? nested : [name]));
    if (out.length >= 50) {
      break;
    }
  }
  return out.slice(0, 50);
}
