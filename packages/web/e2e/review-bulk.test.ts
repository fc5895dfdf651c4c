import { describe, expect, it } from 'vitest';
import { apiSession } from './entry-fixtures';
import { useWebApp } from './web-harness';

interface QueueItem {
  planCode: string;
  periodCode: string;
  unitCode: string;
  unitName: string;
  version: number;
}

describe('review queue: bulk actions', () => {
  const web = useWebApp();

  it('approves and returns selected rows one by one, showing each outcome, a stale one included', async () => {
    const office = await apiSession(web, 'office');
    const queue = async (): Promise<{ items: QueueItem[]; total: number }> =>
      (await fetch(`${web.url}/api/review-queue?limit=500`, { headers: office })).json() as Promise<{
        items: QueueItem[];
        total: number;
      }>;
    const before = await queue();
    // The demo leaves every 20th unit's open year (and the reporter's unit) waiting for review.
    expect(before.total).toBeGreaterThanOrEqual(6);

    const page = await web.page({ locale: 'en' });
    page.setDefaultTimeout(30_000);
    await web.login(page, 'office');
    await page.goto('/review');
    const table = page.getByTestId('review-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByText(`${before.total} in all`).waitFor();
    await web.screenshot(page, 'review-queue-office-en');

    // Approve the first three; the second is approved elsewhere meanwhile (its version goes stale).
    const rows = table.locator('tbody tr.ant-table-row');
    for (let i = 0; i < 3; i++) await rows.nth(i).locator('input[type=checkbox]').check();
    await expect(page.getByTestId('bulk-bar').textContent()).resolves.toContain('3 selected');
    const stale = before.items[1]!;
    const elsewhere = await fetch(
      `${web.url}/api/submissions/${stale.planCode}/${stale.periodCode}/${stale.unitCode}/approve`,
      { method: 'POST', headers: office, body: JSON.stringify({ version: stale.version }) },
    );
    expect(elsewhere.status).toBe(200);
    await page.getByTestId('bulk-approve').click();
    await page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
    const results = page.getByTestId('bulk-results');
    await results.waitFor();
    await expect(results.locator('tbody tr').count()).resolves.toBe(3);
    await expect(results.getByText('Done').count()).resolves.toBe(2);
    // The stale row fails with the server's reason; the others go through.
    await expect(results.textContent()).resolves.toContain(
      `${stale.unitName}（${stale.unitCode}）Failed: submission was changed by someone else`,
    );
    await web.screenshot(page, 'review-bulk-results-en');
    await page.getByTestId('bulk-results-close').click();
    await page.getByText(`${before.total - 3} in all`).waitFor();

    // Return two: a comment is required first.
    await rows.first().waitFor();
    for (let i = 0; i < 2; i++) await rows.nth(i).locator('input[type=checkbox]').check();
    await page.getByTestId('bulk-return').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await dialog.getByText('A return needs a comment').waitFor();
    await dialog.locator('#bulk-comment').fill('Evidence missing for the hotline figures');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await results.waitFor();
    await expect(results.getByText('Done').count()).resolves.toBe(2);
    await page.getByTestId('bulk-results-close').click();

    const after = await queue();
    expect(after.total).toBe(before.total - 5);
    const returned = before.items.slice(3, 5).map((i) => i.unitCode);
    for (const unit of returned) {
      const item = before.items.find((i) => i.unitCode === unit)!;
      const detail = (await (
        await fetch(`${web.url}/api/submissions/${item.planCode}/${item.periodCode}/${unit}`, {
          headers: office,
        })
      ).json()) as { submission: { status: string; comment: string } };
      expect(detail.submission).toMatchObject({
        status: 'returned',
        comment: 'Evidence missing for the hotline figures',
      });
    }
  }, 180_000);
});
