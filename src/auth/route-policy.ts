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

  // OpenAPI document and UI (registered by SwaggerModule straight on the server, outside the guard)
  'GET /docs': 'public',
  'GET /docs/': 'public',
  'GET /docs/*': 'public',
  'GET /docs/index.html': 'public',
  'GET /docs/LICENSE': 'public',
  'GET /docs/swagger-ui-init.js': 'public',
  'GET /docs/docs/swagger-ui-init.js': 'public',
  'GET /docs-json': 'public',
  'GET /docs-yaml': 'public',

  // auth: everyone manages their own session, password, TOTP and keys
  'POST /auth/login': 'public',
  'POST /auth/logout': Role.Viewer,
  'GET /auth/me': Role.Viewer,
  'POST /auth/password': Role.Viewer,
  'POST /auth/mfa/enroll': Role.Viewer,
  'POST /auth/mfa/confirm': Role.Viewer,
  'POST /auth/mfa/disable': Role.Viewer,
  'GET /auth/api-keys': Role.Viewer,
  'POST /auth/api-keys': Role.Viewer,
  'DELETE /auth/api-keys/:id': Role.Viewer,

  // users and audit: admin
  'GET /users': Role.Admin,
  'POST /users': Role.Admin,
  'GET /users/:id': Role.Admin,
  'PATCH /users/:id': Role.Admin,
  'DELETE /users/:id': Role.Admin,
  'POST /users/:id/reset-mfa': Role.Admin,
  'GET /audit': Role.Admin,
  // Bots (SPEC 4): viewers read, operators manage, only admins delete a bot.
  'GET /bots': Role.Viewer,
  'POST /bots': Role.Operator,
  'GET /bots/:id': Role.Viewer,
  'PATCH /bots/:id': Role.Operator,
  'DELETE /bots/:id': Role.Admin,
  'GET /bots/:id/persona': Role.Viewer,
  'PUT /bots/:id/persona': Role.Operator,
  'GET /bots/:id/emotion': Role.Viewer,
  'PUT /bots/:id/emotion': Role.Operator,
  'POST /bots/:id/verify': Role.Operator,
  'GET /bots/:id/stances': Role.Viewer,
  'POST /bots/:id/stances': Role.Operator,
  'PATCH /bots/stances/:id': Role.Operator,
  'DELETE /bots/stances/:id': Role.Operator,
  'GET /bots/:id/holdings': Role.Viewer,
  'POST /bots/:id/holdings': Role.Operator,
  'PATCH /bots/holdings/:id': Role.Operator,
  'DELETE /bots/holdings/:id': Role.Operator,
  'GET /bots/:id/memories': Role.Viewer,
  'POST /bots/:id/memories': Role.Operator,
  'PATCH /bots/memories/:id': Role.Operator,
  'DELETE /bots/memories/:id': Role.Operator,
  // Chats and bot membership of a chat.
  'GET /chats': Role.Viewer,
  'POST /chats': Role.Operator,
  'GET /chats/:id': Role.Viewer,
  'PATCH /chats/:id': Role.Operator,
  'DELETE /chats/:id': Role.Operator,
  'GET /chats/:id/bots': Role.Viewer,
  'PUT /chats/:id/bots': Role.Operator,
  'DELETE /chats/:id/bots/:bot_id': Role.Operator,
  'POST /chats/:id/bots/:bot_id/clear-failure': Role.Operator,
  // Setup: the wizard may start the simulation (an operator action); import writes settings (admin).
  'GET /wizard/example': Role.Viewer,
  'POST /wizard/setup': Role.Operator,
  'POST /import': Role.Admin,
  'GET /export': Role.Operator,
  'POST /demo-bots/create': Role.Admin,
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
  // Orchestrator readiness: no credentials (probes have none); reveals only up/down per dependency.
  'GET /readyz': 'public',
  // Prometheus scrape: no user account; protected by MetricsAccessGuard (METRICS_TOKEN/ALLOW).
  'GET /metrics': 'public',
  // Telegram's webhook deliveries: no user, guarded by the per-bot secret header instead.
  'POST /webhook/telegram/:botId': 'public',
  'POST /bots/:id/webhook': Role.Operator,
  'DELETE /bots/:id/webhook': Role.Operator,
};

/** The policy key of a request. HEAD is served by GET handlers, so it shares their policy. */
export function routeKey(method: string, path: string): string {
  const verb = method.toUpperCase();
  return `${verb === 'HEAD' ? 'GET' : verb} ${path}`;
}
