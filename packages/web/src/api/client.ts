import type { Locale } from '../i18n/locale';
import { ApiError } from './api-error';
import { dropEarly, takeEarly } from './early-requests';

export type Query = Record<string, string | number | boolean | undefined | null>;

interface RequestOptions {
  query?: Query;
  /** JSON body; a FormData is sent as multipart (uploads). */
  body?: unknown;
  signal?: AbortSignal;
}

let locale: Locale = 'zh-CN';
let csrfToken: string | undefined;
let onUnauthorized: (() => void) | undefined;

/** Called by the locale provider: problem texts come back in this language. */
export function setApiLocale(next: Locale): void {
  locale = next;
}

/** Called by the session provider with the token of the sign-in or /api/auth/me answer. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called by the session provider: a 401 on any call means the session ended. */
export function setOnUnauthorized(listener: (() => void) | undefined): void {
  onUnauthorized = listener;
}

export function urlOf(path: string, query?: Query): string {
  if (query === undefined) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null) params.set(key, String(value));
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': locale };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken !== undefined) headers['x-csrf-token'] = csrfToken;
  const url = urlOf(path, options.query);
  if (method !== 'GET') dropEarly();
  let response: Response;
  try {
    // An answer the boot script asked for already (see early-requests.ts), whatever its status; asked
    // again only if that request did not reach the server.
    const early =
      method === 'GET' && options.signal === undefined
        ? await takeEarly(url, locale).catch(() => undefined)
        : undefined;
    response =
      early ??
      (await fetch(url, {
        method,
        headers,
        body: body ?? null,
        credentials: 'same-origin',
        signal: options.signal ?? null,
      }));
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, {
      code: 'network',
      title: locale === 'zh-CN' ? '网络错误' : 'Network error',
      detail: locale === 'zh-CN' ? '无法连接服务器，请检查网络后重试' : 'Cannot reach the server; try again',
    });
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  const isJson = type.includes('json');
  if (!response.ok) {
    const problem = isJson ? ((await response.json()) as Record<string, unknown>) : {};
    if (response.status === 401 && !path.startsWith('/api/auth/login')) onUnauthorized?.();
    throw new ApiError(response.status, problem);
  }
  return (isJson ? await response.json() : await response.blob()) as T;
}

/**
 * The API of the server, same origin, session cookie. Failures throw ApiError (texts in the current
 * language); writes carry the CSRF token. Non-JSON answers (CSV, Excel) come back as a Blob.
 */
export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    request<T>('GET', path, { ...(query === undefined ? {} : { query }), ...(signal ? { signal } : {}) }),
  post: <T>(path: string, body?: unknown, query?: Query) =>
    request<T>('POST', path, { body, ...(query === undefined ? {} : { query }) }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string, body?: unknown) => request<T>('DELETE', path, { body }),
};
