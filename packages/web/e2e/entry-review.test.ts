import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { evidenceFiles, openNextPeriod, reporterUnit } from './entry-fixtures';
import { useWebApp } from './web-harness';

const PERIOD = '2027';

/** The form of the reporter's unit for PERIOD, opened from the list. */
async function openForm(page: Page): Promise<void> {
  await page.goto('/entry');
  const card = page.locator(`[data-testid^="entry-item-"][data-testid$="-${PERIOD}-${currentUnit}"]`);
  await card.getByRole('button').click();
  await page.getByTestId('state-banner').waitFor();
}

async function saved(page: Page): Promise<void> {
  const status = page.getByTestId('save-status');
  try {
    await page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
  } catch (e) {
    throw new Error(`not saved: "${await status.getAttribute('data-state')}" ${await status.textContent()}`, {
      cause: e,
    });
  }
}

let currentUnit = '';

describe('data entry and review', () => {
  const web = useWebApp();

  it('reporter fills, warns, uploads evidence, autosaves and submits; leader returns; reporter resubmits; leader approves', async () => {
    await openNextPeriod(web, PERIOD);
    currentUnit = reporterUnit(web);
    const files = evidenceFiles();

    // Reporter: the list shows the new year as not started, the seeded year as submitted.
    const reporter = await web.page();
    reporter.setDefaultTimeout(30_000);
    await web.login(reporter, 'reporter');
    expect(new URL(reporter.url()).pathname).toBe('/entry');
    const card = reporter.locator(`[data-testid$="-${PERIOD}-${currentUnit}"]`);
    await card.waitFor();
    await expect(card.getByTestId('status-tag').getAttribute('data-status')).resolves.toBe('none');
    await web.screenshot(reporter, 'entry-list');

    await openForm(reporter);
    await expect(reporter.getByTestId('state-banner').getAttribute('data-status')).resolves.toBe('none');
    await expect(reporter.getByTestId('entry-counter').textContent()).resolves.toContain(
      '0 项已由导入数据自动填写',
    );

    // Type check as you type: not a number is an error, never sent.
    const satisfaction = reporter.getByTestId('field-service.satisfaction');
    await satisfaction.locator('input[inputmode=decimal]').fill('九十');
    await expect(satisfaction.getByTestId('field-error').textContent()).resolves.toBe('请输入数字');
    // Out of range (0–100): a warning, and it is still saved.
    await satisfaction.locator('input[inputmode=decimal]').fill('120');
    await expect(satisfaction.getByTestId('field-error').count()).resolves.toBe(0);
    await expect(satisfaction.getByTestId('field-warning').first().textContent()).resolves.toContain(
      '高于合理上限 100',
    );
    const days = reporter.getByTestId('field-approval.days');
    await days.locator('input[inputmode=decimal]').fill('12');
    // Evidence from disk: a photo for the satisfaction survey, a PDF ledger for the approval time.
    await satisfaction.locator('input[type=file]').setInputFiles(files.png);
    await satisfaction.getByText('现场照片.png').waitFor();
    await days.locator('input[type=file]').setInputFiles(files.pdf);
    await days.getByText('台账.pdf').waitFor();
    await saved(reporter);
    await web.screenshot(reporter, 'entry-form-draft');

    // Autosave: a reload shows what was typed, as a draft typed by hand.
    await reporter.reload();
    await reporter.getByTestId('state-banner').waitFor();
    await expect(reporter.getByTestId('state-banner').getAttribute('data-status')).resolves.toBe('draft');
    await expect(satisfaction.locator('input[inputmode=decimal]').inputValue()).resolves.toBe('120');
    await expect(days.locator('input[inputmode=decimal]').inputValue()).resolves.toBe('12');
    await expect(satisfaction.getByTestId('origin').textContent()).resolves.toBe('手工填报');
    await satisfaction.getByText('现场照片.png').waitFor();
    await expect(reporter.getByTestId('entry-counter').textContent()).resolves.toMatch(/已填 2 项/);

    await reporter.getByTestId('submit').click();
    await reporter.getByRole('dialog').getByRole('button', { name: '提交审核' }).click();
    await reporter.locator('[data-testid="state-banner"][data-status="submitted"]').waitFor();
    await expect(reporter.getByTestId('submit-bar').count()).resolves.toBe(0);
    await expect(satisfaction.locator('input[inputmode=decimal]').isDisabled()).resolves.toBe(true);

    // Leader: the queue flags the out-of-range value; the detail shows it and the photo inline.
    const leader = await web.page();
    leader.setDefaultTimeout(30_000);
    await web.login(leader, 'leader');
    await leader.goto('/review');
    const row = leader.getByTestId(`review-${currentUnit}-${PERIOD}`);
    await row.waitFor();
    await expect(leader.getByTestId('review-table').textContent()).resolves.toContain('超出上限 1');
    await web.screenshot(leader, 'review-queue');
    await row.click();
    const detail = leader.getByTestId('review-detail');
    await detail.waitFor();
    await expect(detail.getByTestId('value-service.satisfaction').textContent()).resolves.toBe('120');
    await detail.getByTestId('flag-service.satisfaction-above_max').waitFor();
    await detail.getByText('现场照片.png').click();
    await leader.getByTestId('evidence-image').waitFor();
    await expect(
      leader
        .getByTestId('evidence-image')
        .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth),
    ).resolves.toBe(1);
    await web.screenshot(leader, 'review-evidence');
    await leader
      .getByRole('dialog', { name: '现场照片.png' })
      .getByRole('button', { name: /close|关闭/i })
      .click();

    // A return needs a comment.
    await detail.getByTestId('return').click();
    await detail.getByTestId('comment-error').waitFor();
    await detail.locator('#review-comment').fill('满意度超过 100 分，请核实问卷汇总');
    await web.screenshot(leader, 'review-detail');
    await detail.getByTestId('return').click();
    await row.waitFor({ state: 'detached' });

    // Reporter: the comment shows; edit and resubmit.
    await reporter.reload();
    await reporter.locator('[data-testid="state-banner"][data-status="returned"]').waitFor();
    await expect(reporter.getByTestId('reviewer-comment').textContent()).resolves.toContain(
      '满意度超过 100 分，请核实问卷汇总',
    );
    await web.screenshot(reporter, 'entry-form-returned');
    await satisfaction.locator('input[inputmode=decimal]').fill('95');
    await expect(satisfaction.getByTestId('field-warning').count()).resolves.toBe(0);
    await saved(reporter);
    // The evidence stays with the changed value.
    await satisfaction.getByText('现场照片.png').waitFor();
    await reporter.getByTestId('submit').click();
    await reporter.getByRole('dialog').getByRole('button', { name: '重新提交' }).click();
    await reporter.locator('[data-testid="state-banner"][data-status="submitted"]').waitFor();

    // Leader approves.
    await leader.goto('/review');
    await row.click();
    await expect(detail.getByTestId('value-service.satisfaction').textContent()).resolves.toBe('95');
    await detail.getByTestId('approve').click();
    await row.waitFor({ state: 'detached' });

    await reporter.reload();
    await reporter.locator('[data-testid="state-banner"][data-status="approved"]').waitFor();
    await satisfaction.getByText('现场照片.png').waitFor();
    await web.screenshot(reporter, 'entry-form-approved');
  }, 240_000);

  it('tells the reporter when someone else saved first (409) and reloads', async () => {
    currentUnit = reporterUnit(web);
    const first = await web.page({ locale: 'en' });
    const second = await web.page({ locale: 'en' });
    for (const p of [first, second]) p.setDefaultTimeout(30_000);
    await web.login(first, 'reporter');
    await web.login(second, 'reporter');
    // The seeded open year was submitted; the leader returns it so that it can be edited again.
    const leader = await web.page({ locale: 'en' });
    await web.login(leader, 'leader');
    await leader.goto('/review');
    const seeded = leader.locator('[data-testid^="review-"][data-testid$="-2026"]');
    await seeded.click();
    await leader.locator('#review-comment').fill('Please check the hotline figures');
    await leader.getByTestId('return').click();
    await seeded.waitFor({ state: 'detached' });

    const open = async (page: Page) => {
      await page.goto('/entry');
      await page.locator(`[data-testid$="-2026-${currentUnit}"]`).getByRole('button').click();
      await page.locator('[data-testid="state-banner"][data-status="returned"]').waitFor();
    };
    await open(first);
    await open(second);
    const field = (page: Page) =>
      page.getByTestId('field-service.satisfaction').locator('input[inputmode=decimal]');
    // The seeded values count as imported; retyping one makes it the reporter's own.
    const counter = async (page: Page) => {
      const text = (await page.getByTestId('entry-counter').textContent()) ?? '';
      const m =
        /(\d+) field\(s\) filled automatically from imported data, (\d+) to fill by hand \((\d+) done\)/.exec(
          text,
        );
      if (m === null) throw new Error(`counter reads "${text}"`);
      return m.slice(1).map(Number);
    };
    const [imported, manual, done] = await counter(first);
    expect(imported).toBeGreaterThan(0);
    expect(done).toBe(0);
    await field(first).fill('91');
    await saved(first);
    await expect(counter(first)).resolves.toEqual([imported! - 1, manual! + 1, 1]);
    await expect(
      first.getByTestId('field-service.satisfaction').getByTestId('origin').textContent(),
    ).resolves.toBe('By hand');
    await field(second).fill('92');
    await second.getByTestId('conflict-banner').waitFor();
    await expect(second.getByTestId('conflict-banner').textContent()).resolves.toContain(
      'Someone else changed',
    );
    await expect(field(second).inputValue()).resolves.toBe('91');
    await web.screenshot(second, 'entry-form-conflict-en');
  }, 120_000);
});
