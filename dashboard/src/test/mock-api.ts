import { vi } from 'vitest';
import { apiClient, buildPath } from '@/api/client';
import {
  fillPath,
  type BodyOf,
  type PathParamsOf,
  type QueryOf,
  type ResponseOf,
  type Route,
} from '@/api/routes';

export interface MockRequest<R extends Route> {
  path: PathParamsOf<R>;
  query: QueryOf<R> | undefined;
  body: BodyOf<R> | undefined;
}

/** A handler per documented route; its answer must have the route's OpenAPI response type. */
export type MockRoutes = {
  [R in Route]?: (request: MockRequest<R>) => ResponseOf<R> | Promise<ResponseOf<R>>;
};

export interface MockApi {
  /** Every call that reached the mock, as "METHOD /path?query" with its body. */
  calls: { route: string; body: unknown }[];
  spy: ReturnType<typeof vi.spyOn>;
}

/**
 * Replaces the API client's transport for one test. A call to a route the test did not declare
 * REJECTS, so a store can never silently depend on an endpoint the test forgot; handlers are
 * typed from the OpenAPI document, so a mock cannot answer in a shape the API does not have.
 * A handler that throws makes the call reject with it.
 */
export function mockApi(routes: MockRoutes): MockApi {
  const calls: MockApi['calls'] = [];
  const spy = vi.spyOn(apiClient, 'call').mockImplementation(async (route, init = {}) => {
    const [method, template] = route.split(' ') as [string, string];
    const path = fillPath(template, init.path);
    calls.push({ route: `${method} ${buildPath(path, init.query)}`, body: init.body });
    const handler = routes[route] as ((request: MockRequest<Route>) => unknown) | undefined;
    if (!handler) {
      throw new Error(`mockApi: unexpected ${method} ${path}`);
    }
    const request = { path: init.path, query: init.query, body: init.body } as MockRequest<Route>;
    return structuredClone(await handler(request)) as never;
  });
  return { calls, spy };
}
