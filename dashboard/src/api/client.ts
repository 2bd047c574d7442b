import { ApiError, normalizeApiError } from './api-error';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Skip the global 401 handler (the login call and the first /auth/me probe). */
  allowUnauthorized?: boolean;
}

type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Appends the defined, non-empty query values to a path. */
export function buildPath(path: string, query?: Query): string {
  if (!query) {
    return path;
  }
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      params.append(key, String(value));
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

  /** Absolute URL for links the browser opens itself (CSV export, docs). */
  url(path: string, query?: Query): string {
    return `${this.baseUrl}${buildPath(path, query)}`;
  }

  get<T>(
    path: string,
    query?: Query,
    options: Omit<RequestOptions, 'query' | 'body'> = {},
  ): Promise<T> {
    return this.request<T>('GET', path, { ...options, query });
  }

  post<T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
  }

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PUT', path, { body });
  }

  patch<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PATCH', path, { body });
  }

  delete<T = void>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  async request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
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
      response = await this.fetchImpl(this.url(path, options.query), {
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
