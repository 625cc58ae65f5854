import { ApiError, FieldError } from './errors.js';
import type { Pagination } from './types.js';

export type Fetch = typeof fetch;

/** A result of a list: the items and the envelope's pagination. */
export interface Page<T> { items: T[]; pagination: Pagination | null }

/**
 * Calls the REST API and unwraps Parley's envelope {@code {success, message, data, pagination}}: resolves with
 * {@code data}, or rejects with an {@link ApiError} built from {@code error.code} and {@code error.details}. A
 * network failure rejects with an ApiError of status 0, code {@code NETWORK_ERROR}.
 */
export class Rest {
  constructor(private readonly baseUrl: string, private readonly fetchFn: Fetch,
      private readonly token: () => string | null) {}

  async call<T>(method: string, path: string, body?: unknown, options: { token?: string | null } = {}): Promise<T> {
    const { data } = await this.envelope<T>(method, path, body, options);
    return data;
  }

  async page<T>(path: string): Promise<{ data: T; pagination: Pagination | null }> {
    return this.envelope<T>('GET', path);
  }

  private async envelope<T>(method: string, path: string, body?: unknown,
      options: { token?: string | null } = {}): Promise<{ data: T; pagination: Pagination | null }> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = options.token !== undefined ? options.token : this.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    let init: RequestInit = { method, headers, credentials: 'include' };
    if (body instanceof FormData) {
      init = { ...init, body };
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init = { ...init, body: JSON.stringify(body) };
    }
    let response: Response;
    try {
      response = await this.fetchFn(this.baseUrl + path, init);
    } catch (e) {
      throw new ApiError(0, 'NETWORK_ERROR', (e as Error).message ?? 'network error');
    }
    const text = await response.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!response.ok || !json || json.success === false) {
      const error = json?.error ?? {};
      const retryAfter = response.headers.get('Retry-After');
      throw new ApiError(response.status, error.code ?? `HTTP_${response.status}`,
          error.message ?? (response.statusText || 'request failed'),
          Array.isArray(error.details) ? (error.details as FieldError[]) : [],
          retryAfter != null && /^\d+$/.test(retryAfter) ? Number(retryAfter) : null);
    }
    return { data: json.data as T, pagination: (json.pagination ?? null) as Pagination | null };
  }
}
