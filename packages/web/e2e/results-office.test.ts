import { describe, expect, it } from 'vitest';
import { apiOf, points } from './results-e2e-helpers';
import { useWebApp } from './web-harness';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 2),
]);

interface Snapshot {
  id: string;
  status: string;
  final: boolean;
  noticeEndsAt: string | null;
  correctsId: string | null;
  correctionReason: string | null;
  version: number;
}

describe('scoring, publication and appeals', () => {
  const web = useWebApp();

  it('scores the open period, publishes it, answers appeals and corrects the result', async () => {
    const office = await web.page({ locale: 'en' });
    await web.login(office, 'office');
    await office.goto('/results');
    await office.getByRole('heading', { name: 'Scoring, publication and appeals' }).waitFor();
    const officeApi = await apiOf(office);
    const open = (await officeApi.get<{ items: { code: string }[] }>('/api/periods?status=open')).items[0]!
      .code;
    await office.getByRole('combobox', { name: 'Period' }).waitFor();
    await office
      .locator('.ant-select-content', { hasText: `${open} (open)` })
      .or(office.getByText(`${open} (open)`))
      .first()
      .waitFor();
    const snapshots = office.getByRole('table').filter({ hasText: 'Snapshot hash' });
    await snapshots.getByText('No snapshot for this plan and period yet').waitFor();

    // Run scoring: progress, then the new draft snapshot with its ranking preview.
    await office.getByRole('button', { name: 'Run scoring' }).click();
    await snapshots.getByText('Draft').waitFor();
    const listed = await officeApi.get<{ items: Snapshot[] }>(`/api/results?period=${open}`);
    expect(listed.items).toHaveLength(1);
    const draft = listed.items[0]!;
    expect(draft.status).toBe('draft');
    const preview = office.getByRole('table').filter({ hasText: 'Rank' }).last();
    await preview.locator('tbody tr.ant-table-row').first().waitFor();
    await web.screenshot(office, 'results-draft');

    // Not public while a draft.
    const visitor = await web.page();
    const anonymous = await apiOf(visitor);
    const before = await anonymous.get<{ items: { id: string }[] }>('/api/public/results');
    expect(before.items.map((s) => s.id)).not.toContain(draft.id);

    // Publish with a notice period of 3 working days.
    await office.getByLabel('Notice period (working days)').fill('3');
    await office.getByRole('button', { name: 'Publish and open the notice period' }).click();
    await snapshots.getByText('In notice period').waitFor();
    const published = await officeApi.get<Snapshot>(`/api/results/${draft.id}`);
    expect(published.status).toBe('published');
    expect(published.noticeEndsAt).not.toBeNull();
    const after = await anonymous.get<{ items: { id: string }[] }>('/api/public/results');
    expect(after.items.map((s) => s.id)).toContain(draft.id);

    // The leader reads the new result in the unit view and files two appeals.
    const leader = await web.page({ locale: 'en' });
    await web.login(leader, 'leader');
    const leaderApi = await apiOf(leader);
    const me = await leaderApi.get<{ unitCode: string }>('/api/auth/me');
    const figures = (
      await leaderApi.get<{ figures: { total: number } }>(`/api/results/${draft.id}/units/${me.unitCode}`)
    ).figures;
    await leader
      .locator('.ant-select-content', { hasText: open })
      .or(leader.getByText(new RegExp(`· ${open} ·`)))
      .first()
      .waitFor();
    await leader
      .locator('.ant-statistic-content', { hasText: points(figures.total, 'en') })
      .first()
      .waitFor();
    for (const reasons of [
      'Our approved submission was left out of the scoring.',
      'The survey value is wrong.',
    ]) {
      await leader.getByRole('button', { name: 'File an appeal' }).click();
      const dialog = leader.getByRole('dialog');
      await dialog.getByLabel('Reasons').fill(reasons);
      if (reasons.startsWith('Our')) {
        await dialog
          .locator('input[type=file]')
          .setInputFiles({ name: 'approval.png', mimeType: 'image/png', buffer: PNG });
        await dialog.locator('.ant-upload-list-item-done', { hasText: 'approval.png' }).waitFor();
      }
      await dialog.getByRole('button', { name: 'Submit the appeal' }).click();
      await leader.getByText(reasons).waitFor();
      await dialog.waitFor({ state: 'hidden' });
    }

    // The office answers: rejects the first, accepts the second, then corrects the result.
    await office.reload();
    const appeals = office.getByRole('table').filter({ hasText: 'Reasons' });
    const first = appeals.locator('tr', { hasText: 'left out of the scoring' });
    await first.waitFor();
    await web.screenshot(office, 'results-appeals');
    // The appeal's file opens for the office through the appeal.
    const href = await first.getByRole('link', { name: 'file 1' }).getAttribute('href');
    const file = await office.request.get(href!);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe('image/png');
    expect(Buffer.compare(await file.body(), PNG)).toBe(0);
    await first.getByRole('button', { name: 'Reject' }).click();
    let dialog = office.getByRole('dialog');
    await dialog.getByLabel('Reply').fill('The submission was still waiting for review at the deadline.');
    await dialog.getByRole('button', { name: 'Reject' }).click();
    await first.getByText('Rejected').waitFor();
    const second = appeals.locator('tr', { hasText: 'survey value is wrong' });
    await second.getByRole('button', { name: 'Accept' }).click();
    dialog = office.getByRole('dialog');
    await dialog.getByLabel('Reply').fill('Confirmed; the survey value is corrected.');
    await dialog.getByRole('button', { name: 'Accept' }).click();
    await second.getByText('Accepted').waitFor();

    await office.getByRole('button', { name: 'Correct the result' }).click();
    dialog = office.getByRole('dialog');
    await dialog
      .getByLabel('Reason for the correction')
      .fill('Survey value of one unit corrected after its appeal.');
    await dialog.getByRole('button', { name: 'Re-score and correct' }).click();
    await office
      .getByText(/Corrects snapshot .*; reason: Survey value of one unit corrected after its appeal\./)
      .waitFor();
    await snapshots.getByText('Corrected', { exact: true }).waitFor();
    await web.screenshot(office, 'results-corrected');

    const all = await officeApi.get<{ items: Snapshot[] }>(`/api/results?period=${open}`);
    const corrected = all.items.find((s) => s.correctsId === draft.id)!;
    expect(corrected).toMatchObject({
      status: 'published',
      correctionReason: 'Survey value of one unit corrected after its appeal.',
      noticeEndsAt: published.noticeEndsAt,
    });
    expect(all.items.find((s) => s.id === draft.id)!.status).toBe('superseded');
    const decided = await leaderApi.get<{ items: { status: string; reply: string | null }[] }>(
      `/api/results/${draft.id}/appeals`,
    );
    expect(decided.items.map((a) => [a.status, a.reply])).toEqual([
      ['rejected', 'The submission was still waiting for review at the deadline.'],
      ['accepted', 'Confirmed; the survey value is corrected.'],
    ]);
    // In public the correction takes the original's place, with its reason.
    const publicList = await anonymous.get<{ items: { id: string; correctionReason: string | null }[] }>(
      '/api/public/results',
    );
    expect(publicList.items.map((s) => s.id)).toContain(corrected.id);
    expect(publicList.items.map((s) => s.id)).not.toContain(draft.id);
    await visitor.goto('/public');
    await visitor.getByText('更正结果，原因：Survey value of one unit corrected after its appeal.').waitFor();
  }, 180_000);
});
