import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, type RunningDemo, serveDemo } from '@xiaoneng/server';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { demoProvince } from '../../cli/src/commands/serve.js';
import type { Role } from '../src/auth/roles';

// XN_WEB_DIST: a build of one's own (vite build --outDir …), so that another build of dist/ running at the
// same time cannot delete the assets under a test.
const WEB_DIST = process.env.XN_WEB_DIST ?? fileURLToPath(new URL('../dist/', import.meta.url));
const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

/** Debian's chromium; no browser is downloaded (playwright-core only). */
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Demo sign-ins by role (packages/server/src/start/seed-demo.ts), all with DEMO_PASSWORD. */
export const DEMO_USER: Record<Role, string> = {
  office: 'office',
  reporter: 'reporter',
  leader: 'leader',
  thirdParty: 'thirdparty',
  inspector: 'inspector',
  viewer: 'viewer',
  sysadmin: 'sysadmin',
  secadmin: 'secadmin',
  auditor: 'auditor',
};
export { DEMO_PASSWORD };

/** Low argon2 cost: the demo's nine accounts are hashed at seed time and on every sign-in. */
const FAST_HASHING = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

export interface PageOptions {
  /** Default 1280 × 800; a phone is { width: 390, height: 844 }. */
  viewport?: { width: number; height: number };
  /** Stored in localStorage before the app starts, as if chosen earlier; default: the app's default. */
  locale?: 'zh-CN' | 'en';
}

export interface WebApp {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** The running demo: `.seeded` has the published snapshot id and the logins; `.db` the database. */
  readonly demo: RunningDemo;
  /** Seconds the demo seed took (reported in the README). */
  readonly seedSeconds: number;
  /**
   * A new page in a fresh context (no cookies, no storage). The test fails afterwards if the page logged
   * a console error, threw, or got a 5xx from /api or any failed non-/api request.
   */
  page(options?: PageOptions): Promise<Page>;
  /** Opens /login and signs in as the demo account of `role`; resolves once the start page shows. */
  login(page: Page, role: Role): Promise<void>;
  /** Writes packages/web/e2e/screenshots/<name>.png (full page). */
  screenshot(page: Page, name: string): Promise<string>;
}

/**
 * One server (SQLite in a temp directory, the small demo seeded) and one headless chromium per test file,
 * started in beforeAll and stopped in afterAll. Call it at the top of the file or of a describe.
 */
export function useWebApp(): WebApp {
  let dir: string;
  let demo: RunningDemo | undefined;
  let browser: Browser | undefined;
  let seedSeconds = 0;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(WEB_DIST, 'index.html')))
      throw new Error(`${WEB_DIST} has no build: run \`npm run build\` first`);
    dir = mkdtempSync(join(tmpdir(), 'xn-e2e-'));
    const started = performance.now();
    demo = await serveDemo({
      port: 0,
      host: '127.0.0.1',
      databaseUrl: join(dir, 'xiaoneng.db'),
      demo: () => demoProvince('small'),
      config: {
        passwordHashing: FAST_HASHING,
        cookieSecure: false,
        webRoot: WEB_DIST,
        evidence: { directory: join(dir, 'evidence') },
      },
      log: () => {},
    });
    seedSeconds = (performance.now() - started) / 1000;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }, 180_000);

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    const seen = problems.splice(0);
    expect(seen, 'console errors, page errors or failed requests').toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  const app: WebApp = {
    get url() {
      if (demo === undefined) throw new Error('useWebApp: the server is not running (used outside a test?)');
      return demo.url;
    },
    get demo() {
      if (demo === undefined) throw new Error('useWebApp: the server is not running (used outside a test?)');
      return demo;
    },
    get seedSeconds() {
      return seedSeconds;
    },
    async page(options = {}) {
      if (browser === undefined) throw new Error('useWebApp: chromium is not running');
      const context = await browser.newContext({
        baseURL: app.url,
        viewport: options.viewport ?? { width: 1280, height: 800 },
      });
      contexts.push(context);
      if (options.locale !== undefined)
        await context.addInitScript(`localStorage.setItem('xiaoneng.locale', '${options.locale}')`);
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        // The browser logs every 4xx/5xx response as a console error; those are judged in 'response' below,
        // because 401 and 422 are ordinary answers the pages show.
        if (message.text().startsWith('Failed to load resource')) return;
        problems.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('response', (response) => {
        const path = new URL(response.url()).pathname;
        const status = response.status();
        if (path.startsWith('/api/') ? status >= 500 : status >= 400)
          problems.push(`${response.request().method()} ${path}: ${status}`);
      });
      page.on('requestfailed', (request) => {
        const failure = request.failure()?.errorText ?? '';
        // Navigating away aborts requests still under way; that is not a failure of the app.
        if (failure !== 'net::ERR_ABORTED') problems.push(`${request.method()} ${request.url()}: ${failure}`);
      });
      return page;
    },
    async login(page, role) {
      await page.goto('/login');
      await page.locator('#username').fill(DEMO_USER[role]);
      await page.locator('#password').fill(DEMO_PASSWORD);
      await page.locator('button[type=submit]').click();
      await page.waitForURL((url) => url.pathname !== '/login');
    },
    async screenshot(page, name) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
  };
  return app;
}
