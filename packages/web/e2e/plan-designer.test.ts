import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useWebApp } from './web-harness';

/** The demo plan (packages/cli/src/commands/serve.ts, small demo): dimension D2 has D2.01 … D2.04. */
const PLAN = 'demo-2026';

/** antd puts data-testid on the <input> of an InputNumber or on its wrapper, depending on the version. */
async function inputOf(locator: Locator): Promise<Locator> {
  return (await locator.evaluate((e) => e.tagName)) === 'INPUT' ? locator : locator.locator('input');
}

async function setNumber(page: Page, testId: string, value: string): Promise<void> {
  const input = await inputOf(page.getByTestId(testId));
  await input.fill(value);
  await input.press('Tab');
}

async function select(page: Page, code: string): Promise<void> {
  await page.getByTestId(`tree-node-${code}`).click();
  await expect.poll(() => page.getByTestId('node-code').inputValue()).toBe(code);
}

describe('plan designer', () => {
  const web = useWebApp();

  it('starts a change, breaks and fixes a weight sum, types a bad formula, completes one, saves, previews, exports and diffs', async () => {
    const page = await web.page();
    await web.login(page, 'office');
    await page.goto('/plans');
    await page.getByTestId(`open-plan-${PLAN}`).click();
    await page.getByTestId('plan-designer').waitFor();
    await web.screenshot(page, 'plan-designer-published-zh');

    // Version 1 is published: a change starts a draft with a reason.
    await page.getByTestId('start-change').click();
    await page.getByTestId('change-reason').fill('热线及时响应权重上调');
    await page.getByRole('button', { name: '新建调整版本' }).click();
    await page.waitForURL((url) => url.search === '?v=2');
    await expect
      .poll(() => page.getByTestId('version-reason').textContent())
      .toContain('热线及时响应权重上调');

    // D2.03 0.15 → 0.25: D2's children add up to 1.1, and the engine's error shows at D2.
    await select(page, 'D2.03');
    await setNumber(page, 'node-weight', '0.25');
    const sum = page.getByTestId('sum-D2');
    await expect.poll(() => sum.getAttribute('data-ok')).toBe('false');
    await expect.poll(() => sum.textContent()).toBe('Σ 1.1');
    await page.getByTestId('tree-node-D2').getByTestId('node-error-icon').waitFor();
    await expect(page.getByTestId('tree-node-D1').getByTestId('node-error-icon').count()).resolves.toBe(0);
    await select(page, 'D2');
    const issue = page.getByTestId('node-issues').locator('[data-code="weights_sum"]');
    await issue.waitFor();
    await expect(issue.textContent()).resolves.toContain('合计为 1.1');
    await web.screenshot(page, 'plan-designer-weight-error-zh');

    // D2.04 0.25 → 0.15 brings the sum back to 1; the error goes.
    await select(page, 'D2.04');
    await setNumber(page, 'node-weight', '0.15');
    await expect.poll(() => sum.getAttribute('data-ok')).toBe('true');
    await expect(page.getByTestId('tree-node-D2').getByTestId('node-error-icon').count()).resolves.toBe(0);

    // A bad formula: the engine's parser places the error at the '/' (character 25).
    await select(page, 'D2.03');
    const formula = page.getByTestId('node-formula');
    await formula.fill('#{hotline.timelyRate} * / 2');
    const error = page.getByTestId('node-formula-error');
    await error.waitFor();
    await expect(page.getByTestId('node-formula-mark').textContent()).resolves.toBe('/');
    await expect(error.textContent()).resolves.toContain('第 25 个字符');
    await web.screenshot(page, 'plan-designer-formula-error-zh');

    // Typing `#{hotl` offers the hotline elements; choosing one completes the reference.
    await formula.fill('');
    await formula.pressSequentially('#{hotl');
    const suggestions = page.getByTestId('node-formula-suggestions');
    await suggestions.waitFor();
    await expect(suggestions.locator('[data-code="hotline.timelyRate"]').count()).resolves.toBe(1);
    await web.screenshot(page, 'plan-designer-autocomplete-zh');
    await suggestions.locator('[data-code="hotline.timelyRate"]').click();
    await expect.poll(() => formula.inputValue()).toBe('#{hotline.timelyRate}');
    await expect(error.count()).resolves.toBe(0);

    // Save: the draft is stored (no unsaved marker), warnings do not block.
    await page.getByTestId('save-draft').click();
    await page.getByText('草稿已保存').waitFor();
    await expect(page.getByTestId('unsaved').count()).resolves.toBe(0);

    // Preview on the latest period beside version 1.
    await page.getByRole('tab', { name: '预览评分' }).click();
    await page.getByTestId('run-preview').click();
    await page.getByTestId('preview-result').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('preview-period').textContent()).resolves.toBe('2026');
    await expect(page.getByTestId('preview-result').textContent()).resolves.toContain('第 1 版');
    await web.screenshot(page, 'plan-designer-preview-zh');

    // The workbook downloads and holds the edited weight.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-workbook').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${PLAN}-v2.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync((await download.path()) as string) as unknown as ArrayBuffer);
    const tree = book.getWorksheet('指标体系');
    expect(tree).toBeDefined();
    const weights = new Map<string, unknown>();
    tree?.eachRow((row) => weights.set(String(row.getCell(2).value), row.getCell(5).value));
    expect(weights.get('D2.03')).toBe(0.25);
    expect(weights.get('D2.04')).toBe(0.15);

    // The same workbook imports back into the draft; a broken one is refused cell by cell.
    const downloaded = (await download.path()) as string;
    await page.locator('input[type=file]').setInputFiles(downloaded);
    await page.getByText('已从工作簿更新草稿').waitFor();
    let row = 0;
    tree?.eachRow((r, n) => {
      if (r.getCell(2).value === 'D2.03') row = n;
    });
    tree!.getRow(row).getCell(5).value = '四分之一';
    const broken = join(mkdtempSync(join(tmpdir(), 'xn-plan-')), 'broken.xlsx');
    writeFileSync(broken, Buffer.from(await book.xlsx.writeBuffer()));
    await page.locator('input[type=file]').setInputFiles(broken);
    const refusedBook = page.getByTestId('workbook-problem');
    await refusedBook.waitFor();
    await expect(refusedBook.getAttribute('data-code')).resolves.toBe('plan_workbook_invalid');
    const cells = await page.getByTestId('workbook-problem-issues').locator('tbody tr').allTextContents();
    expect(cells).toEqual([`指标体系!E${row}权重 / weight“四分之一”不是数字`]);
    await web.screenshot(page, 'plan-designer-workbook-error-zh');
    await page.locator('.ant-modal-close').click();
    await refusedBook.waitFor({ state: 'hidden' });

    // History: version 1 → 2 changed exactly the two weights, with the reason listed.
    await page.getByRole('tab', { name: '版本历史' }).click();
    const diff = page.getByTestId('diff-table');
    await diff.waitFor();
    const rows = await diff.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('D2.03');
    expect(rows[0]).toContain('0.15');
    expect(rows[0]).toContain('0.25');
    expect(rows[1]).toContain('D2.04');
    await expect(page.getByTestId('version-history').textContent()).resolves.toContain(
      '热线及时响应权重上调',
    );
    await web.screenshot(page, 'plan-designer-history-zh');

    // The same office user cannot approve their own change.
    await page.getByTestId('approve').click();
    const refused = page.getByTestId('action-problem');
    await refused.waitFor();
    await expect(refused.getAttribute('data-code')).resolves.toBe('self_approval');
  }, 180_000);

  it('reads in English, and tells a second editor that someone else saved first', async () => {
    const first = await web.page({ locale: 'en' });
    const second = await web.page({ locale: 'en' });
    await web.login(first, 'office');
    await web.login(second, 'office');
    // The first test left version 2 as the open draft.
    await first.goto(`/plans/${PLAN}?v=2`);
    await second.goto(`/plans/${PLAN}?v=2`);
    await first.getByTestId('plan-designer').waitFor();
    await second.getByTestId('plan-designer').waitFor();
    await expect(first.getByRole('tab', { name: 'Indicator tree' }).count()).resolves.toBe(1);

    await select(first, 'D1.02');
    await setNumber(first, 'node-weight', '0.2727');
    await first.getByTestId('node-name').fill('落地率（一）');
    await first.getByTestId('save-draft').click();
    await first.getByText('Draft saved').waitFor();

    // A new dimension starts at weight 0, which the engine refuses at that node; removing it clears it.
    await first.getByTestId('add-dimension').click();
    const added = first.getByTestId('tree-node-indicator1');
    await added.getByTestId('node-error-icon').waitFor();
    await expect(
      first.getByTestId('node-issues').locator('[data-code="weight_not_positive"]').count(),
    ).resolves.toBe(1);
    await first.getByTestId('remove-node').click();
    await expect.poll(() => added.count()).toBe(0);
    await expect.poll(() => first.getByTestId('unsaved').count()).toBe(0);

    await select(second, 'D1.02');
    await second.getByTestId('node-name').fill('落地率（二）');
    await second.getByTestId('save-draft').click();
    const conflict = second.getByTestId('conflict');
    await conflict.waitFor();
    await expect(conflict.textContent()).resolves.toContain('Someone else saved this draft');
    await web.screenshot(second, 'plan-designer-conflict-en');
    await second.getByTestId('conflict-reload').click();
    await select(second, 'D1.02');
    await expect.poll(() => second.getByTestId('node-name').inputValue()).toBe('落地率（一）');

    // A veto condition is checked like any formula: `>` without a right side is reported in English.
    await second.getByRole('tab', { name: 'Bonus, deduction, grades' }).click();
    const condition = second.getByTestId('veto-condition-0');
    await expect(condition.inputValue()).resolves.toBe('#{safety.majorAccidents} > 0');
    await condition.fill('#{safety.majorAccidents} >');
    const conditionError = second.getByTestId('veto-condition-0-error');
    await conditionError.waitFor();
    await expect(conditionError.getAttribute('data-code')).resolves.toBe('unexpected_end');
    await expect(conditionError.textContent()).resolves.toContain('character 27');
    await second.getByTestId('veto-issues').waitFor();
    await web.screenshot(second, 'plan-designer-adjustments-en');
  }, 120_000);
});
