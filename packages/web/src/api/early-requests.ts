import type { Locale } from '../i18n/locale';

/**
 * GET requests a page is known to make first, started by the boot script while the application's own
 * script still loads and evaluates (≈ 0.5 s on a two-core office PC), then handed to the API client when
 * the page asks for the same URL in the same language. Each answer is handed out once, within a few seconds
 * of its start; any write drops them all, so a sign-in, sign-out or change never meets an answer from
 * before it. An answer nobody took is forgotten after those few seconds.
 */
const FRESH_MS = 10_000;

interface Early {
  at: number;
  response: Promise<Response>;
}

const started = new Map<string, Early>();
/** Early requests that start more early requests when they are answered (a list, then its first item). */
const chains = new Set<Promise<unknown>>();

const keyOf = (url: string, locale: Locale) => `${locale} ${url}`;

/** Starts GET `url` now, as the API client would send it; the answer waits for `takeEarly`. */
export function startEarly(url: string, locale: Locale): Promise<Response> {
  const key = keyOf(url, locale);
  // Read to the end at once: a body nobody reads yet stops arriving once the browser's buffer is full, so
  // a large answer (the dashboard's ranking of 27,000 units) would wait for the page after all.
  const response = fetch(url, {
    headers: { accept: 'application/json', 'accept-language': locale },
    credentials: 'same-origin',
  }).then(
    async (r) =>
      new Response(r.status === 204 ? null : await r.arrayBuffer(), {
        status: r.status,
        statusText: r.statusText,
        headers: r.headers,
      }),
  );
  const early = { at: performance.now(), response };
  started.set(key, early);
  // Nobody may ever take it (the page was left): not an unhandled rejection, and not kept in memory.
  response.catch(() => undefined);
  setTimeout(() => {
    if (started.get(key) === early) started.delete(key);
  }, FRESH_MS);
  return response;
}

/** Registers work that will start more early requests, so that `takeEarly` waits for it before it says no. */
export function earlyChain(work: Promise<unknown>): void {
  const settled = work.catch(() => undefined).finally(() => chains.delete(settled));
  chains.add(settled);
}

/** The early answer to GET `url` if one was started recently, once (whatever its status). */
export async function takeEarly(url: string, locale: Locale): Promise<Response | undefined> {
  const key = keyOf(url, locale);
  if (!started.has(key) && chains.size > 0) await Promise.all([...chains]);
  const early = started.get(key);
  if (early === undefined) return undefined;
  started.delete(key);
  return performance.now() - early.at <= FRESH_MS ? early.response : undefined;
}

/** Forgets every early answer and chain: called on any write. */
export function dropEarly(): void {
  started.clear();
  chains.clear();
}
