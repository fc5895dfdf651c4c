import type { Page } from 'playwright-core';

export interface PageAnswer {
  status: number;
  /** The parsed JSON body, or null when the answer was not JSON. */
  body: unknown;
}

/**
 * Calls the API from inside the page, as the page's own code would: with the page's session cookie and,
 * for writes, its CSRF token (read from /api/auth/me). For checking what the server itself answers a
 * signed-in account, whatever the page shows.
 */
export async function callApi(page: Page, method: string, path: string, body?: unknown): Promise<PageAnswer> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (method !== 'GET') {
        const me = await fetch('/api/auth/me');
        if (me.ok) headers['x-csrf-token'] = ((await me.json()) as { csrfToken: string }).csrfToken;
      }
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(path, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const type = res.headers.get('content-type') ?? '';
      return { status: res.status, body: type.includes('json') ? await res.json() : null };
    },
    { method, path, body },
  );
}

/** The server's problem code of an answer, if it is a problem. */
export function codeOf(answer: PageAnswer): string | undefined {
  const b = answer.body as { code?: unknown } | null;
  return typeof b?.code === 'string' ? b.code : undefined;
}
