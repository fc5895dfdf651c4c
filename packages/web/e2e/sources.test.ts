import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiSession, evidenceFiles, openNextPeriod, reporterUnit } from './entry-fixtures';
import { useWebApp, type WebApp } from './web-harness';

const PERIOD = '2027';
const PHONE = { width: 390, height: 844 };

interface Stored {
  element: string;
  source: string;
  value: number;
  evidenceHash: string | null;
  version: number;
}

/** Picks a unit by typing its code into the search box, as people do with hundreds of units. */
async function chooseUnit(page: Page, label: string, code: string): Promise<void> {
  const box = page.getByRole('combobox', { name: label });
  await box.click();
  await box.fill(code);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: new RegExp(` · ${code}$`) })
    .waitFor();
  await box.press('Enter');
  await page.waitForFunction((c) => new URL(location.href).searchParams.get('unit') === c, code);
  await page.getByTestId('source-field-approval.days').waitFor();
}

function input(page: Page, element: string) {
  return page.getByTestId(`field-${element}`).locator('input[inputmode=decimal]');
}

function keyOf(page: Page): { plan: string; period: string; unit: string } {
  const q = new URL(page.url()).searchParams;
  return { plan: q.get('plan') ?? '', period: q.get('period') ?? '', unit: q.get('unit') ?? '' };
}

async function storedValues(web: WebApp, username: string, key: ReturnType<typeof keyOf>) {
  const res = await fetch(`${web.url}/api/submissions/${key.plan}/${key.period}/${key.unit}`, {
    headers: await apiSession(web, username),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { values: Stored[] }).values;
}

describe('source values (第三方评估、实地核查)', () => {
  const web = useWebApp();

  it('lets the third party enter a value with evidence, keeps it over a reload, warns out of range, and names a 409', async () => {
    await openNextPeriod(web, PERIOD);
    const unit = reporterUnit(web);
    const files = evidenceFiles();
    const page = await web.page();
    page.setDefaultTimeout(30_000);
    await web.login(page, 'thirdParty');
    expect(new URL(page.url()).pathname).toBe('/sources');
    await page.getByTestId('source-tag').getByText('第三方评估').waitFor();
    await page.waitForFunction((p) => new URL(location.href).searchParams.get('period') === p, PERIOD);
    await chooseUnit(page, '考核对象', unit);

    // Out of range: warned, not blocked.
    await input(page, 'approval.days').fill('75');
    await expect(
      page.getByTestId('field-approval.days').getByTestId('field-warning').first().textContent(),
    ).resolves.toContain('高于合理上限 60');
    await input(page, 'approval.days').fill('12.5');
    await expect(page.getByTestId('field-approval.days').getByTestId('field-warning').count()).resolves.toBe(
      0,
    );
    await page.getByTestId('field-approval.days').locator('input[type=file]').setInputFiles(files.pdf);
    await page.getByTestId('field-approval.days').getByText('台账.pdf').waitFor();
    await web.screenshot(page, 'sources-third-party');

    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存 1 项').waitFor();
    const key = keyOf(page);
    expect(key).toMatchObject({ period: PERIOD, unit });

    await page.reload();
    const current = page.getByTestId('source-field-approval.days').getByTestId('current-value');
    await expect(current.textContent()).resolves.toMatch(/^当前第三方评估数据：12\.5（第 1 版，/);
    await expect(input(page, 'approval.days').inputValue()).resolves.toBe('12.5');
    await page.getByTestId('evidence-approval.days').getByRole('button').first().waitFor();

    const stored = (await storedValues(web, 'thirdparty', key)).filter((v) => v.source !== 'self');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      element: 'approval.days',
      source: 'thirdParty',
      value: 12.5,
      version: 1,
    });
    expect(stored[0]?.evidenceHash).toMatch(/^[0-9a-f]{64}$/);

    // Someone else (another third-party account session) changes the value meanwhile: version 1 → 2.
    const other = await fetch(`${web.url}/api/submissions/${key.plan}/${key.period}/${key.unit}/sources`, {
      method: 'PUT',
      headers: await apiSession(web, 'thirdparty'),
      body: JSON.stringify({
        source: 'thirdParty',
        values: [{ element: 'approval.days', value: 14, version: 1 }],
      }),
    });
    expect(other.status).toBe(200);
    await input(page, 'approval.days').fill('13');
    await page.getByRole('button', { name: '保存' }).click();
    const alert = page.getByTestId('source-alert');
    await expect(alert.textContent()).resolves.toContain('以下数据刚被他人修改');
    await expect(alert.textContent()).resolves.toContain('行政许可事项平均审批时限');
    // The latest value is shown, version 2; the stale typing is gone.
    await expect(input(page, 'approval.days').inputValue()).resolves.toBe('14');
    await expect(current.textContent()).resolves.toContain('第 2 版');
    await web.screenshot(page, 'sources-conflict');
  });

  it('lets the inspector enter an inspection value on a 390 px phone, in English', async () => {
    const unit = reporterUnit(web);
    const page = await web.page({ viewport: PHONE, locale: 'en' });
    page.setDefaultTimeout(30_000);
    await web.login(page, 'inspector');
    expect(new URL(page.url()).pathname).toBe('/sources');
    await page.getByTestId('source-tag').getByText('Inspection').waitFor();
    await page.waitForFunction((p) => new URL(location.href).searchParams.get('period') === p, PERIOD);
    await chooseUnit(page, 'Unit', unit);
    // The third party's value of the first test is not the inspector's.
    await expect(
      page.getByTestId('source-field-approval.days').getByTestId('current-value').textContent(),
    ).resolves.toBe('No Inspection value yet');
    const box = await page
      .getByTestId('field-approval.days')
      .locator('.ant-input-affix-wrapper')
      .boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(300);
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    await input(page, 'approval.days').fill('20');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('1 value(s) saved').waitFor();
    await page
      .getByTestId('source-field-approval.days')
      .getByTestId('current-value')
      .getByText(/^Current Inspection value: 20 \(version 1, /)
      .waitFor();
    const wide = await page.evaluate((width) => {
      if (document.documentElement.scrollWidth <= width) return [];
      return [...document.querySelectorAll('body *')]
        .filter(
          (el) =>
            el.getBoundingClientRect().right > width + 0.5 &&
            ![...el.children].some((c) => c.getBoundingClientRect().right > width + 0.5),
        )
        .slice(0, 5)
        .map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`);
    }, PHONE.width);
    expect(wide, 'elements wider than the phone').toEqual([]);
    await web.screenshot(page, 'sources-inspector-phone');

    // Bulk import: the template downloads; a bad cell is reported by row and column and stores nothing.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Template (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/-2027-inspection\.csv$/);
    const dir = mkdtempSync(join(tmpdir(), 'xn-e2e-sources-'));
    const header = '单位代码,单位名称,行政许可事项平均审批时限（approval.days）';
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `${header}\r\n${unit},,abc\r\n`);
    const picker = page.getByTestId('source-import').locator('input[type=file]');
    await picker.setInputFiles(bad);
    const issues = page.getByTestId('import-issues');
    await issues.waitFor();
    await expect(
      issues.locator('tr.ant-table-row').first().locator('td').first().textContent(),
    ).resolves.toBe('2');
    await expect(issues.locator('tr.ant-table-row').first().textContent()).resolves.toContain(
      '（approval.days）',
    );
    const good = join(dir, 'good.csv');
    writeFileSync(good, `${header}\r\n${unit},,21\r\n`);
    await picker.setInputFiles(good);
    await page.getByTestId('import-result').getByText('1 value(s) imported for 1 unit(s)').waitFor();
    await page
      .getByTestId('source-field-approval.days')
      .getByTestId('current-value')
      .getByText(/^Current Inspection value: 21 \(version 2, /)
      .waitFor();
    const stored = await storedValues(web, 'inspector', keyOf(page));
    expect(stored.filter((v) => v.source === 'inspection')).toMatchObject([
      { element: 'approval.days', value: 21, version: 2, evidenceHash: null },
    ]);
  });
});
