import { ApiError, normalizeApiError } from './api-error';
import {
  fillPath,
  type BodyOf,
  type PathParamsOf,
  type QueryOf,
  type ResponseOf,
  type Route,
} from './routes';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

type Scalar = string | number | boolean;
export type QueryValue = Scalar | readonly Scalar[] | null | undefined;
export type Query = Record<string, QueryValue>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Skip the global 401 handler (the login call and the first /auth/me probe). */
  allowUnauthorized?: boolean;
}

/** What a typed call takes: the route's path parameters, query and body, from the OpenAPI types. */
export interface CallOptions<R extends Route> {
  path?: PathParamsOf<R>;
  query?: QueryOf<R>;
  body?: BodyOf<R>;
  allowUnauthorized?: boolean;
}

type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Appends the defined, non-empty query values to a path (arrays as repeated keys). */
export function buildPath(path: string, query?: Query): string {
  if (!query) {
    return path;
  }
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null && item !== '') {
        params.append(key, String(item));
      }
    }
  }
  const text = params.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

/**
 * The only way the dashboard talks to the API. Cookie sessions go along (`credentials:
 * 'include'`); `X-Requested-With` marks every call as a script call, which together with the
 * browser's own Origin / Sec-Fetch-Site headers is what the API's CSRF check looks at. An API key,
 * when set, is sent as X-API-Key instead of relying on the cookie.
 */
export class ApiClient {
  private apiKey: string | null = null;
  private unauthorizedHandler: (() => void) | null = null;

  constructor(
    private readonly baseUrl: string,
    private readonly fetchImpl: FetchLike = (input, init) => fetch(input, init),
  ) {}

  setApiKey(key: string | null): void {
    this.apiKey = key;
  }

  onUnauthorized(handler: (() => void) | null): void {
    this.unauthorizedHandler = handler;
  }

  /**
   * Calls one documented operation, e.g. `call('GET /bots/{id}', { path: { id: 3 } })`; the
   * answer is typed from the OpenAPI document.
   */
  call<R extends Route>(route: R, options: CallOptions<R> = {}): Promise<ResponseOf<R>> {
    const [method, path] = this.resolve(route, options);
    return this.request<ResponseOf<R>>(method, path, {
      query: options.query as Query | undefined,
      body: options.body,
      allowUnauthorized: options.allowUnauthorized,
    });
  }

  /** Absolute URL of a GET route, for links the browser opens itself (CSV export, downloads). */
  url<R extends Route & `GET ${string}`>(route: R, options: CallOptions<R> = {}): string {
    const [, path] = this.resolve(route, options);
    return `${this.baseUrl}${buildPath(path, options.query as Query | undefined)}`;
  }

  private resolve<R extends Route>(route: R, options: CallOptions<R>): [HttpMethod, string] {
    const space = route.indexOf(' ');
    const params = options.path as Record<string, string | number> | undefined;
    return [route.slice(0, space) as HttpMethod, fillPath(route.slice(space + 1), params)];
  }

  private async request<T>(method: HttpMethod, path: string, options: RequestOptions): Promise<T> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'X-Requested-With': 'XMLHttpRequest',
    };
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (this.apiKey) {
      headers['X-API-Key'] = this.apiKey;
    }
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${buildPath(path, options.query)}`, {
        method,
        headers,
        credentials: 'include',
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    } catch (error) {
      throw new ApiError({
        status: 0,
        code: 'network_error',
        message: error instanceof Error ? error.message : 'Network error',
      });
    }
    const body = await readBody(response);
    if (!response.ok) {
      if (response.status === 401 && !options.allowUnauthorized) {
        this.unauthorizedHandler?.();
      }
      throw normalizeApiError(response.status, body, response.statusText);
    }
    return body as T;
  }
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) {
    return undefined;
  }
  const text = await response.text();
  if (!text) {
    return undefined;
  }
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** The app's single client: same origin by default, VITE_API_BASE_URL for a separate API host. */
export const apiClient = new ApiClient(
  (import.meta.env.VITE_API_BASE_URL as string | undefined) ?? '',
);
