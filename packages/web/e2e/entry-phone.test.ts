import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { evidenceFiles, openNextPeriod, reporterUnit } from './entry-fixtures';
import { useWebApp } from './web-harness';

const PHONE = { width: 390, height: 844 };
const PERIOD = '2027';

async function noSideways(page: Page): Promise<void> {
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
}

describe('data entry on a 390 px phone', () => {
  const web = useWebApp();

  it('fills, photographs evidence, autosaves and submits in one column with a sticky submit bar', async () => {
    await openNextPeriod(web, PERIOD);
    const unit = reporterUnit(web);
    const files = evidenceFiles();
    const page = await web.page({ viewport: PHONE });
    page.setDefaultTimeout(30_000);
    await web.login(page, 'reporter');
    const card = page.locator(`[data-testid$="-${PERIOD}-${unit}"]`);
    await card.waitFor();
    await noSideways(page);
    await web.screenshot(page, 'entry-list-phone');

    await card.getByRole('button').click();
    await page.getByTestId('state-banner').waitFor();
    await noSideways(page);

    const satisfaction = page.getByTestId('field-service.satisfaction');
    const input = satisfaction.locator('input[inputmode=decimal]');
    // A touch target people can hit with a thumb: the whole box around the input takes the tap.
    const box = await satisfaction.locator('.ant-input-affix-wrapper').boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    expect(box?.width ?? 0).toBeGreaterThan(300);
    await input.fill('88');
    const days = page.getByTestId('field-approval.days');
    await days.locator('input[inputmode=decimal]').fill('75');
    await expect(days.getByTestId('field-warning').first().textContent()).resolves.toContain(
      '高于合理上限 60',
    );

    // The picker offers the camera and takes images and PDFs.
    const picker = satisfaction.locator('input[type=file]');
    await expect(picker.getAttribute('accept')).resolves.toBe('image/*,application/pdf');
    await expect(picker.getAttribute('capture')).resolves.toBe('environment');
    await picker.setInputFiles(files.png);
    await satisfaction.getByText('现场照片.png').waitFor();
    await days.locator('input[type=file]').setInputFiles(files.pdf);
    await days.getByText('台账.pdf').waitFor();
    await page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();

    // The submit bar stays on screen while the form scrolls under it.
    const bar = page.getByTestId('submit-bar');
    const barBox = await bar.boundingBox();
    expect(barBox).not.toBeNull();
    expect((barBox?.y ?? 0) + (barBox?.height ?? 0)).toBeLessThanOrEqual(PHONE.height + 1);
    await noSideways(page);
    const full = await web.screenshot(page, 'entry-form-phone');
    // What the phone shows: the top of the viewport with the sticky bar at its bottom.
    await page.screenshot({ path: full.replace(/\.png$/, '-viewport.png') });

    await page.reload();
    await page.getByTestId('state-banner').waitFor();
    await expect(input.inputValue()).resolves.toBe('88');
    await expect(days.locator('input[inputmode=decimal]').inputValue()).resolves.toBe('75');

    // Leaving for the list right after typing still saves it.
    const steps = page.getByTestId('field-approval.steps').locator('input[inputmode=decimal]');
    await steps.fill('4');
    const put = page.waitForResponse(
      (r) => r.request().method() === 'PUT' && new URL(r.url()).pathname.endsWith('/values'),
    );
    await page.getByRole('button', { name: '返回列表' }).click();
    expect((await put).status()).toBe(200);
    await card.getByRole('button').click();
    await page.getByTestId('state-banner').waitFor();
    await expect(steps.inputValue()).resolves.toBe('4');

    await page.getByTestId('submit').click();
    await page.getByRole('dialog').getByRole('button', { name: '提交审核' }).click();
    try {
      await page.locator('[data-testid="state-banner"][data-status="submitted"]').waitFor();
    } catch (e) {
      await web.screenshot(page, 'debug-phone-submit');
      throw e;
    }
    // The confirmation locks the page's scrolling while open; measure once it has gone.
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await noSideways(page);
    await web.screenshot(page, 'entry-form-phone-submitted');
  }, 180_000);
});
