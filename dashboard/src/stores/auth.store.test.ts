import { createTestingPinia } from '@pinia/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/api-error';
import { UserFactory } from '@/test/factories';
import { mockApi } from '@/test/mock-api';
import { loginNeedsTotp, useAuthStore } from './auth.store';

const admin = UserFactory.me();

describe('auth store', () => {
  beforeEach(() => {
    createTestingPinia({ createSpy: vi.fn, stubActions: false });
  });

  it('treats a 401 from /auth/me as signed out', async () => {
    mockApi({
      'GET /auth/me': () => {
        throw new ApiError({ status: 401, code: 'unauthorized', message: 'no session' });
      },
    });
    const store = useAuthStore();
    await store.fetchMe();
    expect(store.isAuthenticated).toBe(false);
    expect(store.checked).toBe(true);
  });

  it('logs in, then reads the user and role', async () => {
    const api = mockApi({
      'POST /auth/login': () => admin,
      'GET /auth/me': () => admin,
    });
    const store = useAuthStore();
    await store.login({ username: 'admin', password: 'correct horse battery', totp: '123456' });
    expect(store.role).toBe('admin');
    expect(api.calls[0]).toEqual({
      route: 'POST /auth/login',
      body: { username: 'admin', password: 'correct horse battery', totp: '123456' },
    });
  });

  it('clears the user on logout even if the call fails', async () => {
    mockApi({
      'GET /auth/me': () => admin,
      'POST /auth/logout': () => {
        throw new ApiError({ status: 0, code: 'network_error', message: 'offline' });
      },
    });
    const store = useAuthStore();
    await store.fetchMe();
    await expect(store.logout()).rejects.toThrow('offline');
    expect(store.user).toBeNull();
  });

  it('recognises a login that needs a TOTP code', () => {
    expect(loginNeedsTotp(new ApiError({ status: 401, code: 'mfa_required', message: '' }))).toBe(
      true,
    );
    expect(
      loginNeedsTotp(
        new ApiError({
          status: 400,
          code: 'validation_failed',
          message: '',
          fields: [{ field: 'totp', reason: 'required' }],
        }),
      ),
    ).toBe(true);
    expect(
      loginNeedsTotp(new ApiError({ status: 401, code: 'invalid_credentials', message: '' })),
    ).toBe(false);
  });
});
