import { describe, expect, it } from 'vitest';
import { PERMISSIONS, roleAtLeast, roleCan } from './permissions';

describe('permissions', () => {
  it('orders roles viewer < operator < admin', () => {
    expect(roleAtLeast('viewer', 'operator')).toBe(false);
    expect(roleAtLeast('operator', 'operator')).toBe(true);
    expect(roleAtLeast('admin', 'operator')).toBe(true);
    expect(roleAtLeast(null, 'viewer')).toBe(false);
  });

  it('lets viewers read but not change anything', () => {
    expect(roleCan('viewer', 'bots.view')).toBe(true);
    expect(roleCan('viewer', 'bots.edit')).toBe(false);
    expect(roleCan('viewer', 'control.run')).toBe(false);
  });

  it('keeps settings, users and bot deletion for admins', () => {
    for (const permission of ['settings.edit', 'users.manage', 'bots.delete'] as const) {
      expect(roleCan('operator', permission)).toBe(false);
      expect(roleCan('admin', permission)).toBe(true);
    }
    expect(PERMISSIONS['control.run']).toBe('operator');
  });
});
