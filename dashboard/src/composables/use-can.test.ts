import { createTestingPinia } from '@pinia/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useAuthStore } from '@/stores/auth.store';
import { useCan } from './use-can';

describe('useCan', () => {
  beforeEach(() => {
    createTestingPinia({ createSpy: vi.fn, stubActions: false });
  });

  it('denies everything when nobody is signed in', () => {
    expect(useCan().can('bots.view')).toBe(false);
  });

  it('follows the signed-in role and reacts to changes', () => {
    const auth = useAuthStore();
    auth.user = {
      user_id: 1,
      username: 'op',
      role: 'operator',
      auth_method: 'session',
      mfa_enabled: false,
      session_expires_at: null,
    };
    const { can } = useCan();
    expect(can('control.run')).toBe(true);
    expect(can('settings.edit')).toBe(false);
    auth.user = { ...auth.user, role: 'admin' };
    expect(can('settings.edit')).toBe(true);
  });
});
