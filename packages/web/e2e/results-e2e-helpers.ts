import type { Page } from 'playwright-core';

/**
 * Calls the API with the page's session (cookies of its context) and, for writes, the CSRF token of
 * GET /api/auth/me: what the tests compare the pages with, and how they arrange state without clicking.
 */
export async function apiOf(page: Page) {
  const get = async <T>(path: string): Promise<T> => {
    const res = await page.request.get(path, { headers: { 'accept-language': 'zh-CN' } });
    if (!res.ok()) throw new Error(`GET ${path}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const post = async <T>(path: string, data: unknown): Promise<T> => {
    const me = await get<{ csrfToken: string }>('/api/auth/me');
    const res = await page.request.post(path, {
      data: data as object,
      headers: { 'x-csrf-token': me.csrfToken },
    });
    if (!res.ok()) throw new Error(`POST ${path}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return { get, post };
}

/** Scores as the page shows them: two decimals in the page's locale. */
export function points(value: number, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

/** WCAG contrast ratio of an element's text colour against the first opaque background behind it. */
export function contrastOf(page: Page, selector: string): Promise<number> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
      const lum = (c: number[]) => {
        const [r, g, b] = c.slice(0, 3).map((v) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        }) as [number, number, number];
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const fg = rgb(getComputedStyle(el).color);
      let node: Element | null = el;
      let bg = [255, 255, 255];
      while (node) {
        const c = rgb(getComputedStyle(node).backgroundColor);
        if (c.length >= 3 && (c.length < 4 || c[3]! > 0.9)) {
          bg = c;
          break;
        }
        node = node.parentElement;
      }
      const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x) as [number, number];
      return (a + 0.05) / (b + 0.05);
    });
}
