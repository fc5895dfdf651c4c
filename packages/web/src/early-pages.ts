import type { Locale } from './i18n/locale';
import { startDashboardEarly } from './pages/dashboard/dashboard-early';

/**
 * Pages worth starting before the application asks for them: their script chunk and their first requests
 * (see api/early-requests.ts). The office dashboard is the one opened on a province's 27,000 units, where
 * the waterfall session → chunk → snapshot list → data would otherwise cost half a second.
 */
export function startPageEarly(pathname: string, locale: Locale): void {
  if (pathname === '/dashboard') {
    // The same chunk the route table loads lazily: the browser keeps one module per URL.
    import('./pages/dashboard/dashboard-page').catch(() => undefined);
    startDashboardEarly(locale);
  }
}
