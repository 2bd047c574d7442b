import { Role } from '../users/entities/api-user.entity';

/** Who may call a route: anyone, or at least the given role. */
export type Access = 'public' | Role;

/**
 * The single RBAC policy table. Every route of the API must have an entry, keyed
 * "METHOD /path/:param" exactly as the controller declares it; a route without an entry is refused
 * (and a test walks every route to make sure none is missing or answers differently).
 */
export const ROUTE_POLICY: Record<string, Access> = {
  'GET /healthz': 'public',
  // Telegram's webhook deliveries: no user, guarded by the per-bot secret header instead.
  'POST /webhook/telegram/:botId': 'public',
  'POST /bots/:id/webhook': Role.Operator,
};

/** The policy key of a request. HEAD is served by GET handlers, so it shares their policy. */
export function routeKey(method: string, path: string): string {
  const verb = method.toUpperCase();
  return `${verb === 'HEAD' ? 'GET' : verb} ${path}`;
}
