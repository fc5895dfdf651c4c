import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiOf, contrastOf, points } from './results-e2e-helpers';
import { useWebApp } from './web-harness';

interface Row {
  unitCode: string;
  unitName: string;
  total: number;
  rank: number;
  class: string;
}

describe('public portal', () => {
  const web = useWebApp();
  const seeded = () => web.demo.seeded!;

  it('lists the published result, ranks a class with grades, finds a unit, sorts by pinyin', async () => {
    const page = await web.page();
    await page.goto('/public');
    await page.getByRole('heading', { name: '公开的考核结果' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    const api = await apiOf(page);
    const snapshot = await api.get<{ period: string; units: number }>(
      `/api/public/results/${seeded().snapshotId}`,
    );
    await page.getByRole('link', { name: snapshot.period }).click();
    await page.waitForURL(`**/public/results/${seeded().snapshotId}`);

    const legend = await api.get<{ classes: { code: string; name: string; size: number }[] }>(
      `/api/public/results/${seeded().snapshotId}/legend`,
    );
    // The largest class, chosen in the class list (the page opens on the plan's first class).
    const first = [...legend.classes].sort((a, b) => b.size - a.size)[0]!;
    await page.getByRole('combobox', { name: '单位类别' }).click();
    await page.locator(`.ant-select-item-option[title="${first.name} (${first.size})"]`).click();
    const ranking = await api.get<{ items: Row[] }>(
      `/api/public/results/${seeded().snapshotId}/rankings?class=${first.code}&limit=50`,
    );
    // The table shows the class's first page in rank order with the API's figures.
    const table = page.locator('.ant-table-tbody');
    await page.getByText(`${first.name}排名（共 ${first.size} 个单位）`).waitFor();
    await table.getByRole('link', { name: ranking.items[0]!.unitName, exact: true }).waitFor();
    const firstRow = table.locator('tr.ant-table-row').first();
    await expect(firstRow.locator('td').nth(0).textContent()).resolves.toBe(String(ranking.items[0]!.rank));
    await expect(firstRow.locator('td').nth(3).textContent()).resolves.toBe(points(ranking.items[0]!.total));
    await web.screenshot(page, 'public-ranking');

    // Search by name: only the units whose name contains it.
    const target = ranking.items[3]!;
    await page.getByLabel('按单位名称或代码查找').fill(target.unitName);
    await page.getByLabel('按单位名称或代码查找').press('Enter');
    await expect
      .poll(async () => table.locator('tr.ant-table-row').count())
      .toBe(ranking.items.filter((r) => r.unitName.includes(target.unitName)).length);
    await table.getByRole('link', { name: target.unitName, exact: true }).waitFor();
    await page.getByLabel('按单位名称或代码查找').fill('');
    await page.getByLabel('按单位名称或代码查找').press('Enter');

    // Order by name: pinyin (collation of zh-CN), not code points.
    await page.getByRole('combobox', { name: '排序' }).click();
    await page.locator('.ant-select-item-option[title="按名称拼音"]').click();
    const pinyin = new Intl.Collator('zh-CN-u-co-pinyin', { sensitivity: 'base', numeric: true });
    const shown = () => table.locator('tr.ant-table-row td:nth-child(2)').allTextContents();
    await expect
      .poll(async () => {
        const names = await shown();
        return names.length > 5 && names.every((n, i) => i === 0 || pinyin.compare(names[i - 1]!, n) <= 0);
      })
      .toBe(true);
    // Not the rank order any more.
    expect(await shown()).not.toEqual(ranking.items.slice(0, 50).map((r) => r.unitName));
    await web.screenshot(page, 'public-ranking-pinyin');
  });

  it('shows a unit page with its explanation, equal to the API', async () => {
    const page = await web.page({ locale: 'en' });
    const api = await apiOf(page);
    const legend = await api.get<{ classes: { code: string }[] }>(
      `/api/public/results/${seeded().snapshotId}/legend`,
    );
    // A unit of the class the page opens on.
    const ranking = await api.get<{ items: Row[] }>(
      `/api/public/results/${seeded().snapshotId}/search?class=${legend.classes[0]!.code}&limit=5`,
    );
    const unit = ranking.items[ranking.items.length > 1 ? 1 : 0]!;
    const detail = await api.get<{
      explanation: { total: number; rank: number; classSize: number; tree: { name: string }[] };
    }>(`/api/public/results/${seeded().snapshotId}/units/${unit.unitCode}`);
    await page.goto(`/public/results/${seeded().snapshotId}`);
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    await page.locator('.ant-table-tbody').getByRole('link', { name: unit.unitName, exact: true }).click();
    await page.waitForURL(`**/units/${unit.unitCode}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(unit.unitName) }).waitFor();
    await page.getByText('How the score was made').waitFor();
    await page.getByText(points(detail.explanation.total, 'en'), { exact: true }).first().waitFor();
    await page
      .getByText(`rank ${detail.explanation.rank} of ${detail.explanation.classSize}`, { exact: false })
      .first()
      .waitFor();
    await web.screenshot(page, 'public-unit');
    // Every dimension is a row of the explanation table.
    for (const dim of detail.explanation.tree)
      await page.locator('tr', { hasText: dim.name }).first().waitFor();
    await page.getByRole('cell', { name: `${unit.unitName} · this unit` }).waitFor();
    await web.screenshot(page, 'public-unit');
  });

  it('downloads the ranking as CSV with every row, and as Excel', async () => {
    const page = await web.page();
    await page.goto(`/public/results/${seeded().snapshotId}`);
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 CSV' }).click(),
    ]);
    const text = readFileSync((await csv.path())!, 'utf8');
    const lines = text.trimEnd().split('\r\n');
    const api = await apiOf(page);
    const snapshot = await api.get<{ units: number; plan: string; period: string }>(
      `/api/public/results/${seeded().snapshotId}`,
    );
    expect(csv.suggestedFilename()).toBe(`${snapshot.plan}-${snapshot.period}.csv`);
    expect(lines[0]).toMatch(/^\uFEFF单位代码,单位,类别,总分,排名/);
    expect(lines).toHaveLength(snapshot.units + 1);
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 Excel' }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toBe(`${snapshot.plan}-${snapshot.period}.xlsx`);
    // An XLSX is a zip: it starts with PK.
    expect(
      readFileSync((await xlsx.path())!)
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
  });

  it('does not show an unpublished result', async () => {
    const office = await web.page();
    await web.login(office, 'office');
    const api = await apiOf(office);
    const plans = await api.get<{ items: { code: string }[] }>('/api/plans');
    const periods = await api.get<{ items: { code: string; status: string }[] }>('/api/periods?status=open');
    const run = await api.post<{ snapshot: { id: string; status: string } }>('/api/results', {
      plan: plans.items[0]!.code,
      period: periods.items[0]!.code,
    });
    expect(run.snapshot.status).toBe('draft');

    const page = await web.page();
    await page.goto('/public');
    await page
      .getByRole('link', {
        name: (await apiOf(page).then((a) => a.get<{ items: { period: string }[] }>('/api/public/results')))
          .items[0]!.period,
      })
      .waitFor();
    const anonymous = await apiOf(page);
    const listed = await anonymous.get<{ items: { id: string }[] }>('/api/public/results');
    expect(listed.items.map((s) => s.id)).not.toContain(run.snapshot.id);
    await expect(page.getByRole('link', { name: periods.items[0]!.code }).count()).resolves.toBe(0);
    await page.goto(`/public/results/${run.snapshot.id}`);
    await page.getByText('未找到该考核结果，可能尚未发布或已被更正').waitFor();
    await page.goto(
      `/public/results/${run.snapshot.id}/units/${seeded().logins.find((l) => l.role === 'leader')!.unitCode}`,
    );
    await page.getByText('未找到该考核结果，可能尚未发布或已被更正').waitFor();
  });

  it('is usable by keyboard, labelled, with visible focus and readable contrast, in both languages', async () => {
    const page = await web.page();
    await page.goto(`/public/results/${seeded().snapshotId}`);
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    // Every control has a name a screen reader reads out.
    await page.getByRole('combobox', { name: '单位类别' }).waitFor();
    await page
      .getByRole('searchbox', { name: '按单位名称或代码查找' })
      .or(page.getByRole('textbox', { name: '按单位名称或代码查找' }))
      .first()
      .waitFor();
    await page.getByRole('combobox', { name: '排序' }).waitFor();
    await page.getByRole('button', { name: '下载 CSV' }).waitFor();
    await expect(page.getByRole('columnheader', { name: '排名' }).count()).resolves.toBeGreaterThan(0);

    // Tab order follows the page: header link, language switch, filters, downloads, then the table's links.
    // A fresh load: sequential focus starts at the top of the document.
    await page.reload();
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    const order: string[] = [];
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press('Tab');
      order.push(
        await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el) return '';
          const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : undefined;
          return (label ?? el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
        }),
      );
    }
    const at = (name: string) => order.findIndex((o) => o.includes(name));
    // First a link past the header to the content.
    expect(order[0]).toBe('跳到正文');
    expect(at('单位类别')).toBeGreaterThanOrEqual(0);
    expect(at('单位类别')).toBeLessThan(at('按单位名称或代码查找'));
    expect(at('按单位名称或代码查找')).toBeLessThan(at('排序'));
    expect(at('排序')).toBeLessThan(at('下载 CSV'));
    expect(at('下载 CSV')).toBeLessThan(at('下载 Excel'));
    expect(order.slice(at('下载 Excel') + 1).some((o) => o.length > 0)).toBe(true);

    await page.reload();
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main-content');

    // The focused control shows it: an outline or a focus ring.
    await page.getByRole('button', { name: '下载 CSV' }).focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement as Element);
      return { outline: s.outlineStyle, width: s.outlineWidth, shadow: s.boxShadow };
    });
    expect(ring.outline !== 'none' && ring.width !== '0px' ? true : ring.shadow !== 'none').toBe(true);

    // Text against its background: at least 4.5:1 (WCAG AA) for table text and links.
    expect(await contrastOf(page, '.ant-table-tbody td')).toBeGreaterThanOrEqual(4.5);
    expect(await contrastOf(page, '.ant-table-tbody a')).toBeGreaterThanOrEqual(4.5);
    expect(await contrastOf(page, 'h1')).toBeGreaterThanOrEqual(4.5);

    // The language switch changes the texts and the document's lang.
    await page.getByTestId('locale-switch').getByText('EN').click();
    await page.getByRole('combobox', { name: 'Unit class' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await web.screenshot(page, 'public-ranking-en');
  });

  it('fits a 390 px phone: the ranking scrolls inside its table, not the page', async () => {
    const page = await web.page({ viewport: { width: 390, height: 844 } });
    await page.goto(`/public/results/${seeded().snapshotId}`);
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    await web.screenshot(page, 'public-ranking-phone');
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
  });
});
