/**
 * The first script of the page, kept tiny: it asks the server for the session and for the first data of
 * the page being opened while the application's own script (React, Ant Design, the page's chunk) still
 * loads and evaluates. The API client takes these answers when the application asks (api/early-requests.ts).
 */
import { startEarly } from './api/early-requests';
import { startPageEarly } from './early-pages';
import { storedLocale } from './i18n/locale';

const locale = storedLocale();
startEarly('/api/auth/me', locale);
startPageEarly(location.pathname, locale);
