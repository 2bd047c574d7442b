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

  // Settings: everyone reads, admins change.
  'GET /settings': Role.Viewer,
  'PATCH /settings/:key': Role.Admin,
  'PUT /settings/bulk': Role.Admin,

  // Control of the simulation.
  'POST /control/start': Role.Operator,
  'POST /control/stop': Role.Operator,
  'POST /control/scale': Role.Operator,

  // Metrics, logs, queues and system state.
  'GET /api/metrics': Role.Viewer,
  'GET /api/metrics/timeseries': Role.Viewer,
  'GET /logs': Role.Viewer,
  'GET /logs/recent': Role.Viewer,
  'GET /logs/export.csv': Role.Viewer,
  'GET /queue/stats': Role.Viewer,
  'POST /system/checks': Role.Operator,
  'GET /system/checks/latest': Role.Viewer,
  'GET /system/checks/summary': Role.Viewer,
  'GET /system/health': Role.Viewer,
  'GET /system/health/export': Role.Viewer,
};

/** The policy key of a request. HEAD is served by GET handlers, so it shares their policy. */
export function routeKey(method: string, path: string): string {
  const verb = method.toUpperCase();
  return `${verb === 'HEAD' ? 'GET' : verb} ${path}`;
}
