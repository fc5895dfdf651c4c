import type { Locale } from '@xiaoneng/engine';

/**
 * The language of the answer, from an Accept-Language header: the highest-weighted tag that is Chinese
 * (any region or script) or English; zh-CN when the header is absent or names neither.
 */
export function negotiateLocale(header: string | undefined): Locale {
  if (header === undefined || header === '') return 'zh-CN';
  let best: { locale: Locale; q: number } | undefined;
  for (const part of header.split(',')) {
    const [rawTag = '', ...params] = part.trim().split(';');
    const tag = rawTag.trim().toLowerCase();
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0) continue;
    const locale: Locale | undefined =
      tag === 'zh' || tag.startsWith('zh-')
        ? 'zh-CN'
        : tag === 'en' || tag.startsWith('en-')
          ? 'en'
          : undefined;
    if (locale !== undefined && (best === undefined || q > best.q)) best = { locale, q };
  }
  return best?.locale ?? 'zh-CN';
}
