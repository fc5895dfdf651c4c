import { describe, expect, it } from 'vitest';
import { apiOf, points } from './results-e2e-helpers';
import { useWebApp } from './web-harness';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
]);

interface Advice {
  nextSteps: { subject: { name: string } }[];
  indicators: { name: string; recoverable: number }[];
  warnings: unknown[];
  lights: { red: number; yellow: number; green: number };
}

describe('unit view', () => {
  const web = useWebApp();

  it("shows the leader's own total, rank, grade, lights, next steps and gaps as the API has them", async () => {
    const page = await web.page();
    await web.login(page, 'leader');
    expect(new URL(page.url()).pathname).toBe('/my-unit');
    await page.getByRole('heading', { name: '本单位考核情况' }).waitFor();
    const api = await apiOf(page);
    const me = await api.get<{ unitCode: string }>('/api/auth/me');
    const id = web.demo.seeded!.snapshotId;
    const detail = await api.get<{
      figures: { total: number; rank: number; classSize: number; grade: string };
      explanation: { unit: { name: string }; neighbours: { name: string }[] };
    }>(`/api/results/${id}/units/${me.unitCode}`);
    const advice = await api.get<Advice>(`/api/results/${id}/units/${me.unitCode}/advice`);

    await page
      .getByRole('heading', { name: new RegExp(detail.explanation.unit.name) })
      .first()
      .waitFor();
    await page
      .locator('.ant-statistic-content', { hasText: points(detail.figures.total) })
      .first()
      .waitFor();
    await page
      .locator('.ant-statistic-content', { hasText: `${detail.figures.rank} / ${detail.figures.classSize}` })
      .waitFor();
    const grade = { A: '优秀', B: '良好', C: '一般', D: '较差' }[detail.figures.grade as 'A'];
    await page.locator('.ant-statistic-content', { hasText: grade }).waitFor();
    await page.getByText(`红灯 ${advice.lights.red} 项`).waitFor();
    await page.getByText(`绿灯 ${advice.lights.green} 项`).waitFor();

    // What to do next: the largest recoverable gaps first, as the API orders them.
    const steps = page.getByRole('list', { name: '下一步怎么做' }).getByRole('listitem');
    await expect(steps.count()).resolves.toBe(advice.nextSteps.length);
    for (const [i, s] of advice.nextSteps.entries())
      await expect(steps.nth(i).textContent()).resolves.toContain(s.subject.name);
    const gaps = page.getByRole('table').filter({ hasText: '可挽回' }).locator('tbody tr.ant-table-row');
    await expect(gaps.first().locator('td').first().textContent()).resolves.toBe(advice.indicators[0]!.name);
    await expect(gaps.first().locator('td').nth(4).textContent()).resolves.toBe(
      points(advice.indicators[0]!.recoverable),
    );
    // ± 5 neighbours, this unit among them.
    await page.getByText(`${detail.explanation.unit.name} · 本单位`).waitFor();
    for (const n of detail.explanation.neighbours)
      await page.getByRole('cell', { name: n.name }).first().waitFor();
    await web.screenshot(page, 'my-unit');
  });

  it('files an appeal with evidence during the notice period', async () => {
    const page = await web.page({ locale: 'en' });
    await web.login(page, 'leader');
    await page.getByRole('heading', { name: 'My unit' }).waitFor();
    await page.getByText(/Notice period until/).waitFor();
    await page.getByRole('button', { name: 'File an appeal' }).click();
    const dialog = page.getByRole('dialog');
    // An appeal without reasons is refused in the form.
    await dialog.getByRole('button', { name: 'Submit the appeal' }).click();
    await dialog.getByText('Say why you appeal').waitFor();
    await dialog.getByLabel('Reasons').fill('The inspection value of the first indicator was entered twice.');
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: 'ledger.png', mimeType: 'image/png', buffer: PNG });
    await dialog.locator('.ant-upload-list-item-done', { hasText: 'ledger.png' }).waitFor();
    await web.screenshot(page, 'my-unit-appeal');
    await dialog.getByRole('button', { name: 'Submit the appeal' }).click();
    await page.locator('.ant-card', { hasText: 'Appeals' }).getByText('Pending').waitFor();
    await page.getByText('The inspection value of the first indicator was entered twice.').waitFor();

    const api = await apiOf(page);
    const appeals = await api.get<{ items: { reasons: string; evidence: string[]; status: string }[] }>(
      `/api/results/${web.demo.seeded!.snapshotId}/appeals`,
    );
    expect(appeals.items).toEqual([
      expect.objectContaining({
        reasons: 'The inspection value of the first indicator was entered twice.',
        status: 'pending',
        evidence: [expect.stringMatching(/^[0-9a-f]{64}$/)],
      }),
    ]);
  });

  it('tells a reporter that results are for the unit leader', async () => {
    const page = await web.page();
    await web.login(page, 'reporter');
    await page.goto('/my-unit');
    await page.getByText('考核结果仅对本单位审核人（领导）开放').waitFor();
  });
});
