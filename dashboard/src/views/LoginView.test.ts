// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/api-error';
import { UserFactory } from '@/test/factories';
import { mockApi } from '@/test/mock-api';
import { mountWithApp } from '@/test/mount';
import LoginView from './LoginView.vue';

async function fill(
  wrapper: ReturnType<typeof mountWithApp>['wrapper'],
  username: string,
  password: string,
) {
  await wrapper.find('#login-username').setValue(username);
  await wrapper.find('#login-password').setValue(password);
}

describe('LoginView', () => {
  it('asks for the TOTP code when the API says it is needed, then signs in with it', async () => {
    const api = mockApi({
      'POST /auth/login': ({ body }) => {
        if (!body?.totp) {
          // The API's answer: 401 with a field error on `totp`.
          throw new ApiError({
            status: 401,
            code: 'unauthorized',
            message: 'A TOTP code is required',
            fields: [{ field: 'totp', reason: 'required for this account' }],
          });
        }
        return UserFactory.me();
      },
      'GET /auth/me': () => UserFactory.me(),
    });
    const { wrapper, router } = mountWithApp(LoginView);
    await router.push('/login');
    await fill(wrapper, 'admin', 'correct horse battery');
    expect(wrapper.find('#login-totp').exists()).toBe(false);
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('#login-totp').exists()).toBe(true);
    await wrapper.find('#login-totp').setValue('123456');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(api.calls.map((c) => c.body)).toContainEqual({
      username: 'admin',
      password: 'correct horse battery',
      totp: '123456',
    });
    expect(router.currentRoute.value.name).toBe('overview');
  });

  it('shows one message for wrong credentials without naming the field', async () => {
    mockApi({
      'POST /auth/login': () => {
        throw new ApiError({ status: 401, code: 'invalid_credentials', message: 'Invalid' });
      },
    });
    const { wrapper, router } = mountWithApp(LoginView);
    await router.push('/login');
    await fill(wrapper, 'admin', 'wrong password here');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="login-error"]').text()).toBe(
      'Kullanıcı adı veya parola hatalı.',
    );
    expect(router.currentRoute.value.name).toBe('login');
  });
});
