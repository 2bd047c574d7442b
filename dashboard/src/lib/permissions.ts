import type { Role } from '@/api/types';

export const ROLE_RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/**
 * The one table of what each role may do in the UI, mirroring the API's RBAC policy (SPEC 5):
 * viewer reads; operator manages bots, chats, stances, holdings, memories and control; admin
 * manages settings, users and keys, deletes bots. Hiding a control is a courtesy — the API
 * enforces the same rules.
 */
export const PERMISSIONS = {
  'overview.view': 'viewer',
  'feed.view': 'viewer',
  'bots.view': 'viewer',
  'bots.edit': 'operator',
  'bots.delete': 'admin',
  'chats.view': 'viewer',
  'chats.edit': 'operator',
  'control.run': 'operator',
  'settings.view': 'viewer',
  'settings.edit': 'admin',
  'logs.view': 'viewer',
  'wizard.run': 'operator',
  'setup.export': 'operator',
  'setup.import': 'admin',
  'demo.create': 'admin',
  'system.view': 'viewer',
  'system.runChecks': 'operator',
  'users.manage': 'admin',
  'apiKeys.manage': 'admin',
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof PERMISSIONS;

export function roleAtLeast(role: Role | null | undefined, minimum: Role): boolean {
  return role != null && ROLE_RANK[role] >= ROLE_RANK[minimum];
}

export function roleCan(role: Role | null | undefined, permission: Permission): boolean {
  return roleAtLeast(role, PERMISSIONS[permission]);
}
