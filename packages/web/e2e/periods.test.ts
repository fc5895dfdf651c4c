import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { callApi, codeOf } from './page-api';
import { useWebApp } from './web-harness';

interface PeriodBody {
  code: string;
  type: string;
  status: string;
  deadline: string | null;
  version: number;
}

const periodRow = (page: Page, code: string) =>
  page.getByTestId('period-table').locator(`tbody tr[data-row-key="${code}"]`);

/** The UTC instant the browser makes of a local date-time (the page sends deadlines so). */
const localInstant = (page: Page, local: string) =>
  page.evaluate((text) => new Date(text).toISOString(), local);

async function period(page: Page, code: string): Promise<PeriodBody> {
  const res = await callApi(page, 'GET', `/api/periods/${code}`);
  expect(res.status).toBe(200);
  return res.body as PeriodBody;
}

/** Types a date (or date-time) into an antd DatePicker and takes it (Enter; OK if the popup stays). */
async function pickDate(page: Page, selector: string, text: string) {
  const input = page.locator(selector);
  await input.click();
  await input.fill(text);
  await input.press('Enter');
  const popup = page.locator('.ant-picker-dropdown:visible');
  const closed = await popup
    .first()
    .waitFor({ state: 'hidden', timeout: 2000 })
    .then(() => true)
    .catch(() => false);
  if (!closed) await popup.locator('.ant-picker-ok button').click();
  await expect(input.inputValue()).resolves.toBe(text);
}

async function confirmPopup(page: Page) {
  await page.locator('.ant-popconfirm:visible .ant-popconfirm-buttons .ant-btn-primary').click();
}

// National Day 2026 (1 Oct is a Thursday): off Thu 1, Fri 2, Mon 5, Tue 6, Wed 7; Sat 10 worked (调休).
const NATIONAL_DAY = [
  { day: '2026-10-01', kind: 'holiday', name: '国庆节' },
  { day: '2026-10-02', kind: 'holiday', name: '国庆节' },
  { day: '2026-10-05', kind: 'holiday', name: '国庆节' },
  { day: '2026-10-06', kind: 'holiday', name: '国庆节' },
  { day: '2026-10-07', kind: 'holiday', name: '国庆节' },
  { day: '2026-10-10', kind: 'workday', name: '国庆节调休' },
];
const WEEKDAYS_ZH = ['周四', '周五', '周一', '周二', '周三', '周六'];

describe('periods page (office)', () => {
  const web = useWebApp();

  it('creates a month period with a deadline, closes and reopens it, and meets a concurrent change', async () => {
    const page = await web.page();
    await web.login(page, 'office');
    await page.goto('/periods');
    await page.getByTestId('period-table').waitFor();

    // The code is made from type, year and number.
    await page.locator('#periodCreate_year').fill('2026');
    await page.locator('#periodCreate_number').fill('3');
    await expect(page.locator('#periodCreate_code').inputValue()).resolves.toBe('2026M03');
    await pickDate(page, '#periodCreate_deadline', '2030-12-20 18:00');
    await page.getByTestId('create-period').click();
    await periodRow(page, '2026M03').waitFor();
    const row = periodRow(page, '2026M03');
    await expect(row.textContent()).resolves.toContain('月度');
    await expect(row.getByTestId('period-status').textContent()).resolves.toBe('开放');
    // Entered and shown in the browser's time zone, so the same wall time whatever the zone; far ahead, so not passed.
    await expect(row.getByTestId('period-deadline').textContent()).resolves.toBe('2030/12/20 18:00');
    expect(await period(page, '2026M03')).toEqual({
      code: '2026M03',
      type: 'month',
      status: 'open',
      deadline: await localInstant(page, '2030-12-20T18:00'),
      version: 1,
    });

    // The same code again: 409, said at the code field.
    await page.getByTestId('create-period').click();
    await expect(page.getByTestId('create-problem').getAttribute('data-code')).resolves.toBe('period_exists');
    const codeError = page.locator('.ant-form-item', { has: page.locator('#periodCreate_code') });
    await codeError.locator('.ant-form-item-explain-error', { hasText: '考核周期“2026M03”已存在' }).waitFor();
    // A code the engine cannot parse: the server's reason at the field, nothing created.
    await page.locator('#periodCreate_code').fill('2026X9');
    await page.getByTestId('create-period').click();
    // (the earlier alert may still be there for a moment: wait for the new one)
    await page.locator('[data-testid="create-problem"][data-code="period_invalid"]').waitFor();
    await codeError
      .locator('.ant-form-item-explain-error', { hasText: '应形如 2026M03、2026Q1、2026H1 或 2026' })
      .waitFor();
    expect(codeOf(await callApi(page, 'GET', '/api/periods/2026X9'))).toBe('not_found');

    // Close, then reopen, each confirmed.
    await row.getByTestId('toggle-2026M03').click();
    await confirmPopup(page);
    await row.getByText('已关闭').waitFor();
    expect(await period(page, '2026M03')).toMatchObject({ status: 'closed', version: 2 });
    await row.getByTestId('toggle-2026M03').click();
    await confirmPopup(page);
    await row.getByTestId('period-status').getByText('开放').waitFor();
    await expect(row.locator('td').nth(4).textContent()).resolves.toBe('3');
    expect(await period(page, '2026M03')).toMatchObject({ status: 'open', version: 3 });

    // Someone else clears the deadline meanwhile; closing from the stale row is refused and the list reloads.
    const other = await callApi(page, 'PUT', '/api/periods/2026M03', { deadline: null, version: 3 });
    expect(other.status).toBe(200);
    await row.getByTestId('toggle-2026M03').click();
    await confirmPopup(page);
    await expect(page.getByTestId('period-conflict').textContent()).resolves.toContain(
      '周期 2026M03 刚被他人修改',
    );
    await row.getByText('未设置').waitFor();
    await expect(row.locator('td').nth(4).textContent()).resolves.toBe('4');
    expect(await period(page, '2026M03')).toMatchObject({ status: 'open', deadline: null, version: 4 });

    // A deadline already passed (today is after it) is marked.
    await row.getByTestId('deadline-2026M03').click();
    await pickDate(page, '#periodDeadline_deadline', '2026-01-05 09:00');
    await page.locator('.ant-modal:visible .ant-modal-footer .ant-btn-primary').click();
    await row.getByText('已截止').waitFor();
    await expect(row.getByTestId('period-deadline').textContent()).resolves.toBe('2026/01/05 09:00已截止');
    expect(await period(page, '2026M03')).toMatchObject({
      deadline: await localInstant(page, '2026-01-05T09:00'),
      version: 5,
    });
    await web.screenshot(page, 'periods-zh');
  });

  it('enters National Day 2026, keeps it, and refuses a holiday on a Saturday at its row', async () => {
    const page = await web.page();
    await web.login(page, 'office');
    await page.goto('/periods');
    const calendar = page.getByTestId('holiday-calendar');
    await calendar.waitFor();
    await page.locator('#calendar-year').fill('2026');
    await page.locator('#calendar-year').press('Tab');
    expect((await callApi(page, 'GET', '/api/calendar/2026')).body).toEqual({ year: 2026, days: [] });
    await calendar.getByText('该年尚未列出任何日期').waitFor();

    for (const [i, d] of NATIONAL_DAY.entries()) {
      await page.getByTestId('calendar-add').click();
      await pickDate(page, `#calendar_days_${i}_day`, d.day);
      if (d.kind === 'workday') {
        await page.locator(`#calendar_days_${i}_kind`).click();
        await page
          .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '调休上班' })
          .click();
      }
      await page.locator(`#calendar_days_${i}_name`).fill(d.name);
    }
    await expect(page.getByTestId('calendar-weekday').allTextContents()).resolves.toEqual(WEEKDAYS_ZH);
    await expect(page.getByTestId('calendar-summary').textContent()).resolves.toContain(
      '共 5 天法定节假日、1 天调休上班。',
    );
    await page.getByTestId('calendar-save').click();
    await page.getByText('已保存 2026 年节假日安排（6 天）').waitFor();
    expect((await callApi(page, 'GET', '/api/calendar/2026')).body).toEqual({
      year: 2026,
      days: NATIONAL_DAY,
    });

    await page.reload();
    await page.locator('#calendar_days_5_day').waitFor();
    for (const [i, d] of NATIONAL_DAY.entries()) {
      await expect(page.locator(`#calendar_days_${i}_day`).inputValue()).resolves.toBe(d.day);
      await expect(page.locator(`#calendar_days_${i}_name`).inputValue()).resolves.toBe(d.name);
    }
    const rows = page.getByTestId('calendar-row');
    await expect(rows.nth(4).textContent()).resolves.toContain('法定节假日（休息）');
    await expect(rows.nth(5).textContent()).resolves.toContain('调休上班');

    // Sat 3 Oct as a holiday: refused at its row (the 7th), nothing saved.
    await page.getByTestId('calendar-add').click();
    await pickDate(page, '#calendar_days_6_day', '2026-10-03');
    await page.getByTestId('calendar-save').click();
    await expect(page.getByTestId('calendar-problem').getAttribute('data-code')).resolves.toBe(
      'validation_failed',
    );
    await expect(rows.nth(6).locator('.ant-form-item-explain-error').textContent()).resolves.toBe(
      '2026-10-03 是周末，本就休息，无需列为节假日',
    );
    await expect(rows.locator('.ant-form-item-explain-error').count()).resolves.toBe(1);
    expect((await callApi(page, 'GET', '/api/calendar/2026')).body).toEqual({
      year: 2026,
      days: NATIONAL_DAY,
    });
    await web.screenshot(page, 'periods-calendar-zh');
    // Reloading drops the bad row, after asking.
    await page.getByRole('button', { name: '重新加载' }).click();
    await page.locator('.ant-modal-confirm', { hasText: '放弃未保存的修改？' }).waitFor();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await page.locator('#calendar_days_6_day').waitFor({ state: 'detached' });
    await expect(rows.count()).resolves.toBe(6);
    await expect(page.getByTestId('calendar-problem').count()).resolves.toBe(0);
    // Another year has its own (empty) calendar.
    await page.locator('#calendar-year').fill('2027');
    await calendar.getByText('该年尚未列出任何日期').waitFor();
    await expect(rows.count()).resolves.toBe(0);

    // The same page in English.
    const en = await web.page({ locale: 'en' });
    await web.login(en, 'office');
    await en.goto('/periods');
    await en.getByRole('heading', { name: 'Assessment periods' }).waitFor();
    await en.locator('#calendar_days_5_day').waitFor();
    await expect(en.getByTestId('calendar-weekday').allTextContents()).resolves.toEqual([
      'Thu',
      'Fri',
      'Mon',
      'Tue',
      'Wed',
      'Sat',
    ]);
    await expect(en.getByTestId('calendar-row').nth(5).textContent()).resolves.toContain(
      'Weekend working day',
    );
    await en.getByText('The notice period counts working days in this calendar.', { exact: false }).waitFor();
    await web.screenshot(en, 'periods-en');
  });
});
