import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-error';
import { ApiClient, buildPath } from './client';

function respond(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(
    body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body),
    {
      status,
      headers: { 'content-type': type },
    },
  );
}

describe('ApiClient', () => {
  it('sends cookies, the CSRF marker header, JSON and the API key', async () => {
    const fetchImpl = vi.fn(async () => respond(201, { id: 1 }));
    const client = new ApiClient('', fetchImpl);
    client.setApiKey('pk_test');
    await expect(client.call('POST /bots', { body: { name: 'x' } })).resolves.toEqual({ id: 1 });
    expect(fetchImpl).toHaveBeenCalledWith('/bots', {
      method: 'POST',
      credentials: 'include',
      body: '{"name":"x"}',
      headers: {
        Accept: 'application/json',
        'X-Requested-With': 'XMLHttpRequest',
        'Content-Type': 'application/json',
        'X-API-Key': 'pk_test',
      },
    });
  });

  it('normalises the API error shape with field errors', async () => {
    const client = new ApiClient('', async () =>
      respond(400, {
        status: 400,
        error: 'validation_failed',
        message: 'Invalid input',
        fields: [{ field: 'name', reason: 'too long' }],
        request_id: 'r1',
      }),
    );
    const error = await client.call('GET /bots').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'Invalid input',
      requestId: 'r1',
    });
    expect((error as ApiError).fieldErrors).toEqual({ name: 'too long' });
  });

  it('calls the 401 handler, except for calls that expect it', async () => {
    const onUnauthorized = vi.fn();
    const client = new ApiClient('', async () =>
      respond(401, { status: 401, error: 'unauthorized', message: 'no' }),
    );
    client.onUnauthorized(onUnauthorized);
    await expect(client.call('GET /bots')).rejects.toBeInstanceOf(ApiError);
    await expect(client.call('GET /auth/me', { allowUnauthorized: true })).rejects.toBeInstanceOf(
      ApiError,
    );
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('turns network failures and non-JSON errors into ApiError', async () => {
    const offline = new ApiClient('', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(offline.call('GET /bots')).rejects.toMatchObject({
      status: 0,
      code: 'network_error',
    });
    const proxy = new ApiClient('', async () =>
      respond(502, '<html>Bad gateway</html>', 'text/html'),
    );
    await expect(proxy.call('GET /bots')).rejects.toMatchObject({ status: 502, code: 'http_502' });
  });

  it('returns undefined for 204 and builds queries without empty values', async () => {
    const client = new ApiClient('', async () => new Response(null, { status: 204 }));
    await expect(client.call('DELETE /bots/{id}', { path: { id: 1 } })).resolves.toBeUndefined();
    expect(buildPath('/logs', { limit: 50, q: '', bot_id: undefined, cursor: 'a b' })).toBe(
      '/logs?limit=50&cursor=a+b',
    );
    expect(buildPath('/logs', { state: ['sent', 'failed'] })).toBe('/logs?state=sent&state=failed');
  });

  it('fills path parameters and builds link URLs for documented GET routes', async () => {
    const fetchImpl = vi.fn(async () => respond(200, { id: 3 }));
    const client = new ApiClient('http://api', fetchImpl);
    await client.call('GET /bots/{id}', { path: { id: 3 } });
    expect(fetchImpl).toHaveBeenCalledWith('http://api/bots/3', expect.anything());
    expect(client.url('GET /logs/export.csv', { query: { q: 'altın', bot_id: 2 } })).toBe(
      'http://api/logs/export.csv?q=alt%C4%B1n&bot_id=2',
    );
  });
});
