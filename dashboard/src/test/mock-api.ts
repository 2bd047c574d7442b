import { vi } from 'vitest';
import { apiClient, buildPath, type HttpMethod, type RequestOptions } from '@/api/client';

export type RouteHandler = (options: RequestOptions, params: string[]) => unknown;

export interface MockApi {
  /** Every call that reached the mock, as "METHOD /path?query" with its body. */
  calls: { route: string; body: unknown }[];
  spy: ReturnType<typeof vi.spyOn>;
}

/**
 * Replaces the API client's transport for one test. Routes are "METHOD /path" with `:param`
 * segments; a call to a route the test did not declare REJECTS, so a store can never silently
 * depend on an endpoint the test forgot. A handler that throws makes the call reject with it.
 */
export function mockApi(routes: Record<string, RouteHandler>): MockApi {
  const compiled = Object.entries(routes).map(([route, handler]) => {
    const [method, pattern] = route.split(' ') as [HttpMethod, string];
    const regex = new RegExp(`^${pattern.replace(/:[a-z_]+/gi, '([^/]+)')}$`);
    return { method, regex, handler };
  });
  const calls: MockApi['calls'] = [];
  const spy = vi
    .spyOn(apiClient, 'request')
    .mockImplementation(async (method: HttpMethod, path: string, options: RequestOptions = {}) => {
      calls.push({ route: `${method} ${buildPath(path, options.query)}`, body: options.body });
      for (const route of compiled) {
        const match = route.method === method ? route.regex.exec(path) : null;
        if (match) {
          return structuredClone(await route.handler(options, match.slice(1)));
        }
      }
      throw new Error(`mockApi: unexpected ${method} ${path}`);
    });
  return { calls, spy };
}
