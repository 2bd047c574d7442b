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
  // Orchestrator readiness: no credentials (probes have none); reveals only up/down per dependency.
  'GET /readyz': 'public',
  // Prometheus scrape: no user account; protected by MetricsAccessGuard (METRICS_TOKEN/ALLOW).
  'GET /metrics': 'public',
};

/** The policy key of a request. HEAD is served by GET handlers, so it shares their policy. */
export function routeKey(method: string, path: string): string {
  const verb = method.toUpperCase();
  return `${verb === 'HEAD' ? 'GET' : verb} ${path}`;
}
