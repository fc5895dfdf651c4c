import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../src/auth/roles';
import { homeOf } from '../src/routes';
import { callApi } from './page-api';
import { useWebApp } from './web-harness';

/** The next year, opened for the journey so that the reporter starts from an empty form. */
const PERIOD = '2027';

/** A 1 × 1 PNG on disk: the photo a street worker takes with a phone as evidence. */
function photo(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'xn-journey-')), '满意度调查照片.png');
  writeFileSync(
    path,
    Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    ),
  );
  return path;
}

interface ExplainedNode {
  children?: ExplainedNode[];
  leaf?: { inputs: { element: string; period: string; value: number | null; source: string | null }[] };
}

/** A unit's figures and explanation, as GET …/units/:unitCode answers (signed in or public). */
interface UnitDetail {
  figures: { unitName: string; total: number };
  explanation: { tree: ExplainedNode[] };
}

/** Every raw input the explanation names, from every leaf of its tree. */
function inputsOf(nodes: readonly ExplainedNode[]): NonNullable<ExplainedNode['leaf']>['inputs'] {
  return nodes.flatMap((n) => [...(n.leaf?.inputs ?? []), ...inputsOf(n.children ?? [])]);
}

async function saved(page: Page): Promise<void> {
  await page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
}

describe('the whole journey, role by role', () => {
  const web = useWebApp();
  const unitOf = (role: Role) => {
    const code = web.demo.seeded?.logins.find((l) => l.role === role)?.unitCode;
    if (code == null) throw new Error(`the demo has no ${role} bound to a unit`);
    return code;
  };

  it('signs in every role onto its home page, fully loaded, without console errors', async () => {
    const seen: string[] = [];
    for (const role of ROLES) {
      const page = await web.page();
      await web.login(page, role);
      // Loaded: the page's chunk is in (its title shows), and so are its first API answers (no spinner).
      // Generous waits: in CI the server tests share the machine, and a snapshot's first read rebuilds it.
      // The router keeps the login page on screen while the home page's chunk loads (a transition), so
      // the title is looked for beside the side menu, where the login page has none.
      await page
        .getByTestId('side-menu')
        .waitFor({ timeout: 60_000 })
        .catch(() => undefined);
      const title = page.locator('[data-testid="side-menu"] ~ main').getByRole('heading');
      await title
        .first()
        .waitFor({ timeout: 60_000 })
        .catch(() => undefined);
      await page.waitForLoadState('networkidle');
      await expect.poll(() => page.locator('.ant-spin-spinning').count(), { timeout: 60_000 }).toBe(0);
      await web.screenshot(page, `journey-home-${role}`);
      seen.push(
        [
          role,
          new URL(page.url()).pathname,
          (await title.count()) > 0 ? 'titled' : 'no title',
          `${await page.locator('.ant-alert-error, .ant-result-403, .ant-result-error').count()} errors`,
        ].join(' '),
      );
      await page.context().close();
    }
    // Each on the home page the route table gives its role, with a title and nothing refused or failed.
    expect(seen).toEqual(ROLES.map((role) => `${role} ${homeOf([role])} titled 0 errors`));
  }, 600_000);

  it('reporter submits with evidence, leader returns, reporter resubmits, leader approves, office scores and publishes, the public reads it', async () => {
    const unit = unitOf('reporter');

    // Office: a new assessment year opens on the periods page.
    const office = await web.page();
    await web.login(office, 'office');
    await office.goto('/periods');
    await office.getByTestId('period-table').waitFor();
    await office.locator('#periodCreate_code').fill(PERIOD);
    await office.getByTestId('create-period').click();
    await office.getByTestId('period-table').locator(`tbody tr[data-row-key="${PERIOD}"]`).waitFor();
    await web.screenshot(office, 'journey-periods');
    expect((await callApi(office, 'GET', `/api/periods/${PERIOD}`)).body).toMatchObject({
      code: PERIOD,
      type: 'year',
      status: 'open',
    });

    // Reporter: the new year's form, filled by hand with a photo as evidence, then submitted.
    const reporter = await web.page();
    await web.login(reporter, 'reporter');
    const card = reporter.locator(`[data-testid^="entry-item-"][data-testid$="-${PERIOD}-${unit}"]`);
    await card.waitFor();
    await web.screenshot(reporter, 'journey-entry-list');
    await card.getByRole('button').click();
    await reporter.getByTestId('state-banner').waitFor();
    const satisfaction = reporter.getByTestId('field-service.satisfaction');
    const days = reporter.getByTestId('field-approval.days');
    await satisfaction.locator('input[inputmode=decimal]').fill('120');
    await days.locator('input[inputmode=decimal]').fill('6');
    await satisfaction.locator('input[type=file]').setInputFiles(photo());
    await satisfaction.getByText('满意度调查照片.png').waitFor();
    await saved(reporter);
    await web.screenshot(reporter, 'journey-entry-form');
    await reporter.getByTestId('submit').click();
    await reporter.getByRole('dialog').getByRole('button', { name: '提交审核' }).click();
    await reporter.locator('[data-testid="state-banner"][data-status="submitted"]').waitFor();

    // Leader: the out-of-range value is flagged; returned with a comment.
    const leader = await web.page();
    await web.login(leader, 'leader');
    await leader.goto('/review');
    const row = leader.getByTestId(`review-${unit}-${PERIOD}`);
    await row.waitFor();
    await row.click();
    const detail = leader.getByTestId('review-detail');
    await detail.getByTestId('flag-service.satisfaction-above_max').waitFor();
    await detail.getByText('满意度调查照片.png').waitFor();
    await detail.locator('#review-comment').fill('满意度不能超过 100 分，请按问卷汇总表更正');
    await web.screenshot(leader, 'journey-review');
    await detail.getByTestId('return').click();
    await row.waitFor({ state: 'detached' });

    // Reporter: sees the comment, corrects, submits again.
    await reporter.reload();
    await reporter.locator('[data-testid="state-banner"][data-status="returned"]').waitFor();
    await expect(reporter.getByTestId('reviewer-comment').textContent()).resolves.toContain(
      '请按问卷汇总表更正',
    );
    await satisfaction.locator('input[inputmode=decimal]').fill('96');
    await saved(reporter);
    await reporter.getByTestId('submit').click();
    await reporter.getByRole('dialog').getByRole('button', { name: '重新提交' }).click();
    await reporter.locator('[data-testid="state-banner"][data-status="submitted"]').waitFor();

    // Leader approves the corrected submission.
    await leader.goto('/review');
    await row.click();
    await expect(detail.getByTestId('value-service.satisfaction').textContent()).resolves.toBe('96');
    await detail.getByTestId('approve').click();
    await row.waitFor({ state: 'detached' });
    await reporter.reload();
    await reporter.locator('[data-testid="state-banner"][data-status="approved"]').waitFor();

    // Office: scores the year and publishes it with a notice period.
    await office.goto('/results');
    await office.getByRole('heading', { name: '评分、公示与申诉' }).waitFor();
    await office.locator('#results-period').click();
    await office.locator(`.ant-select-item-option[title="${PERIOD}（填报中）"]`).click();
    await office.getByRole('button', { name: '评分' }).click();
    await office.getByText('评分完成：快照').waitFor();
    await office.getByRole('button', { name: '发布并开始公示' }).click();
    await office.getByText('已发布，公示期至').waitFor();
    await web.screenshot(office, 'journey-results');
    const snapshots = (await callApi(office, 'GET', `/api/results?period=${PERIOD}`)).body as {
      items: { id: string; period: string; publishedAt: string | null }[];
    };
    const published = snapshots.items.find((s) => s.period === PERIOD && s.publishedAt !== null);
    expect(published).toBeDefined();
    const mine = (await callApi(office, 'GET', `/api/results/${published!.id}/units/${unit}`))
      .body as UnitDetail;

    // Signed out: the office signs out, and a visitor without an account reads the result.
    await office.getByTestId('sign-out').click();
    await office.waitForURL((url) => url.pathname === '/login');
    const visitor = await web.page();
    await visitor.goto('/public');
    await visitor.getByRole('link', { name: PERIOD }).click();
    await visitor.waitForURL(`**/public/results/${published!.id}`);
    await visitor.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    await web.screenshot(visitor, 'journey-public-result');
    const shown = (await callApi(visitor, 'GET', `/api/public/results/${published!.id}/units/${unit}`))
      .body as UnitDetail;
    expect(shown.figures.total).toBe(mine.figures.total);
    // What the reporter entered and the leader approved is what the published score was made from.
    expect(
      inputsOf(shown.explanation.tree).filter(
        (i) => i.element === 'service.satisfaction' && i.period === PERIOD,
      ),
    ).toContainEqual(expect.objectContaining({ value: 96 }));
    await visitor.goto(`/public/results/${published!.id}/units/${unit}`);
    await visitor.getByRole('heading', { level: 1, name: new RegExp(shown.figures.unitName) }).waitFor();
    await web.screenshot(visitor, 'journey-public-unit');
  }, 300_000);
});
