import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useWebApp } from './web-harness';

interface Summary {
  units: number;
  classes: { code: string; name: string; units: number; grades: Record<string, number> }[];
}
interface Heat {
  path: { code: string; name: string }[];
  rows: { unitCode: string; unitName: string; children: number }[];
}
interface Ranking {
  previous: { period: string } | null;
  rows: {
    unitCode: string[];
    unitName: string[];
    class: string[];
    total: number[];
    rank: number[];
    previousRank: (number | null)[];
  };
}

/** The API's own figures, read with the page's session (what the page itself is shown). */
async function apiGet<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(path, { headers: { 'accept-language': 'en' } });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
  return (await res.json()) as T;
}

describe('assessment office dashboard and big screen', () => {
  const web = useWebApp();

  /** Scores the demo's open period as the office, so that there is a rank change against last year. */
  async function scoreOpenPeriod(page: Page): Promise<string> {
    const me = await apiGet<{ csrfToken: string }>(page, '/api/auth/me');
    const snapshots = await apiGet<{ items: { id: string; plan: string; period: string }[] }>(
      page,
      '/api/results',
    );
    const published = snapshots.items[0]!;
    const periods = await apiGet<{ items: { code: string; status: string }[] }>(page, '/api/periods');
    const open = periods.items.find((p) => p.status === 'open')!;
    const res = await page.request.post('/api/results', {
      headers: { 'x-csrf-token': me.csrfToken },
      data: { plan: published.plan, period: open.code },
    });
    expect(res.status(), await res.text()).toBeLessThan(300);
    return ((await res.json()) as { snapshot: { id: string } }).snapshot.id;
  }

  it('shows the office the API’s figures, drills down the heat map, narrows to ± 5 neighbours and exports', async () => {
    const page = await web.page({ locale: 'en' });
    await web.login(page, 'office');
    const id = await scoreOpenPeriod(page);
    await page.goto('/dashboard');
    await page.getByRole('heading', { name: 'Assessment overview' }).waitFor();

    const summary = await apiGet<Summary>(page, `/api/results/${id}/dashboard/summary`);
    const ranking = await apiGet<Ranking>(page, `/api/results/${id}/dashboard/ranking`);
    const total = ranking.rows.unitCode.length;
    expect(total).toBe(summary.units);
    expect(ranking.previous).not.toBeNull();

    const units = page.getByTestId('units-count');
    await units.getByText(summary.units.toLocaleString('en')).waitFor();
    for (const c of summary.classes)
      await expect(
        page.getByTestId('grade-counts').locator(`[data-class="${c.code}"]`).textContent(),
      ).resolves.toContain(`A ${c.grades.A!.toLocaleString('en')} · B ${c.grades.B!.toLocaleString('en')}`);
    await page
      .getByTestId('ranking-count')
      .getByText(`${total.toLocaleString('en')} units`)
      .waitFor();
    await page.getByTestId('ranking-count').getByText(`vs ${ranking.previous!.period}`).waitFor();
    // The first row is the API's first row; virtualised: far fewer rows in the page than units.
    const firstRow = page.getByTestId('ranking-table').locator('.ant-table-row').first();
    await firstRow.getByText(ranking.rows.unitName[0]!, { exact: true }).waitFor();
    const rendered = await page.getByTestId('ranking-table').locator('.ant-table-row').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(total);
    for (const chart of ['grade-chart', 'light-chart', 'heat-map', 'histogram', 'trend'])
      await page.getByTestId(chart).locator('canvas').first().waitFor();
    await web.screenshot(page, 'dashboard-office');

    // Drill down: the heat map shows the chosen unit's children and the breadcrumb names it.
    const top = await apiGet<Heat>(page, `/api/results/${id}/dashboard/heatmap`);
    const target = top.rows.find((r) => r.children > 0)!;
    const below = await apiGet<Heat>(page, `/api/results/${id}/dashboard/heatmap?parent=${target.unitCode}`);
    expect(below.rows.length).toBe(target.children);
    await page.getByTestId('heat-map-drill').click();
    await page.locator('.ant-select-item-option').getByText(target.unitName, { exact: true }).click();
    await page.getByTestId('heat-map-path').getByText(target.unitName).waitFor();
    const heat = page.getByTestId('heat-map');
    await page.waitForFunction(
      (code) => document.querySelector('[data-testid=heat-map]')?.getAttribute('data-parent') === code,
      target.unitCode,
    );
    await expect(heat.getAttribute('data-rows')).resolves.toBe(String(below.rows.length));
    expect(below.rows.length).not.toBe(top.rows.length);
    await web.screenshot(page, 'dashboard-drilled');
    await page.getByTestId('heat-map-path').getByRole('button', { name: 'All' }).click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid=heat-map]')?.getAttribute('data-parent') === '',
    );
    await expect(heat.getAttribute('data-rows')).resolves.toBe(String(top.rows.length));

    // Me ± 5: a unit with five of its class ranked above it and five below.
    const cls = ranking.rows.class;
    const at = cls.findIndex((c, i) => i >= 5 && cls[i - 5] === c && cls[i + 5] === c);
    expect(at).toBeGreaterThanOrEqual(5);
    const me = ranking.rows.unitCode[at]!;
    await page.getByTestId('unit-picker').click();
    await page.keyboard.type(ranking.rows.unitName[at]!);
    await page.locator('.ant-select-item-option').filter({ hasText: me }).first().click();
    await page.locator('.ant-segmented-item').filter({ hasText: 'Unit ± 5' }).click();
    await web.screenshot(page, 'dashboard-neighbours');
    await page.getByTestId('ranking-count').getByText('11 units').waitFor();
    await expect(page.getByTestId('ranking-table').locator('.ant-table-row').count()).resolves.toBe(11);
    await page.getByTestId('ranking-table').locator('.ant-table-row-selected').getByText(me).waitFor();

    // Excel: the whole ranking, a row per unit, in the API's order.
    await page.locator('.ant-segmented-item').filter({ hasText: 'All' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-excel').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/-ranking\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(total + 1);
    expect(sheet.getRow(1).getCell(1).value).toBe('unit code');
    for (const i of [0, Math.floor(total / 2), total - 1]) {
      const row = sheet.getRow(i + 2);
      expect([row.getCell(1).value, row.getCell(5).value, row.getCell(6).value]).toEqual([
        ranking.rows.unitCode[i],
        ranking.rows.total[i],
        ranking.rows.rank[i],
      ]);
    }

    // A chart as PNG.
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('histogram').getByRole('button', { name: 'Export image' }).click(),
    ]);
    expect(png.suggestedFilename()).toBe('histogram.png');
    expect(
      readFileSync((await png.path())!)
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });

  it('shows the figures in Chinese by default', async () => {
    const page = await web.page();
    await web.login(page, 'office');
    await page.goto('/dashboard');
    await page.getByRole('heading', { name: '考核总览' }).waitFor();
    await page.getByTestId('ranking-table').locator('.ant-table-row').first().waitFor();
    await page.getByText('各维度红黄绿灯').first().waitFor();
    await web.screenshot(page, 'dashboard-office-zh');
  });

  it('opened by its address, asks the server for each of its first answers once (started before the app)', async () => {
    const page = await web.page();
    await web.login(page, 'office');
    // The sign-in lands on the dashboard too: let that visit finish before counting the reload's requests.
    await page.getByTestId('ranking-table').locator('.ant-table-row').first().waitFor();
    await page.waitForLoadState('networkidle');
    const asked: string[] = [];
    let rankingAsked: () => void = () => undefined;
    const ranking = new Promise<void>((resolve) => {
      rankingAsked = resolve;
    });
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (!url.pathname.startsWith('/api/')) return;
      asked.push(`${url.pathname}${url.search}`);
      if (url.pathname.endsWith('/dashboard/ranking')) rankingAsked();
    });
    // The dashboard's own script is held back until the ranking has been asked for (10 s at most): so the
    // ranking can only have been asked for by the boot script, ahead of the page.
    let heldBack = false;
    await page.route('**/assets/dashboard-page-*.js', async (route) => {
      heldBack = await Promise.race([
        ranking.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000)),
      ]);
      await route.continue();
    });
    await page.goto('/dashboard');
    await page.getByTestId('ranking-table').locator('.ant-table-row').first().waitFor();
    for (const chart of ['grade-chart', 'light-chart', 'heat-map', 'histogram'])
      await page.getByTestId(chart).locator('canvas').first().waitFor();
    const list = await apiGet<{ items: { id: string; status: string }[] }>(page, '/api/results?limit=200');
    const opened = list.items.find((s) => s.status !== 'superseded')!.id;
    const first = [
      '/api/auth/me',
      '/api/results?limit=200',
      `/api/results/${opened}/dashboard/ranking?first=100`,
      `/api/results/${opened}/dashboard/summary`,
      `/api/results/${opened}/dashboard/heatmap`,
    ];
    expect(heldBack, 'the ranking was asked for before the dashboard script came').toBe(true);
    // Once each: the boot script's early answers were taken by the page instead of being asked again. The
    // whole ranking follows the first screen's rows, once.
    const whole = `/api/results/${opened}/dashboard/ranking`;
    await expect.poll(() => asked.filter((a) => a === whole).length).toBe(1);
    expect(first.map((u) => [u, asked.filter((a) => a === u).length])).toEqual(first.map((u) => [u, 1]));
    // The summary shown is the one of the opened snapshot, in the page's language.
    const summary = await apiGet<Summary>(page, `/api/results/${opened}/dashboard/summary`);
    await page.getByTestId('units-count').getByText(summary.units.toLocaleString('zh-CN')).waitFor();
  });

  it('runs the big screen full screen, dark, rotating its panels', async () => {
    const page = await web.page({ locale: 'en', viewport: { width: 1920, height: 1080 } });
    await web.login(page, 'viewer');
    await page.goto('/big-screen?rotate=5&refresh=30');
    await page.getByRole('heading', { name: 'Assessment command screen' }).waitFor();
    const snapshots = await apiGet<{ items: { id: string }[] }>(page, '/api/results');
    const summary = await apiGet<Summary>(page, `/api/results/${snapshots.items[0]!.id}/dashboard/summary`);
    await page.getByTestId('big-screen-kpis').getByText(summary.units.toLocaleString('en')).first().waitFor();
    // No application chrome: no side menu.
    await expect(page.getByTestId('side-menu').count()).resolves.toBe(0);
    const panel = page.getByTestId('big-screen-panel');
    const seen = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const name = (await panel.getAttribute('data-panel'))!;
      seen.add(name);
      await web.screenshot(page, `big-screen-${name}`);
      await page.waitForFunction(
        (before) =>
          document.querySelector('[data-testid=big-screen-panel]')?.getAttribute('data-panel') !== before,
        name,
        { timeout: 20_000 },
      );
    }
    expect(seen.size).toBe(3);
    const background = await page
      .getByTestId('big-screen')
      .evaluate((el) => getComputedStyle(el).backgroundImage);
    expect(background).toContain('gradient');
  });
});
