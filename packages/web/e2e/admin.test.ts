import iconv from 'iconv-lite';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { callApi, codeOf } from './page-api';
import { useWebApp } from './web-harness';

interface UserRow {
  id: string;
  username: string;
  roles: string[];
  unitCode: string | null;
  disabled: boolean;
  version: number;
}

interface UnitNode {
  code: string;
  name: string;
  classCode: string;
  level: string;
  children: UnitNode[];
}

const FORBIDDEN = 'You may not open this page';

/** A row of an antd table holding `text`. */
const rowOf = (page: Page, tableTestId: string, text: string) =>
  page.getByTestId(tableTestId).locator('tbody tr.ant-table-row', { hasText: text });

async function findUser(page: Page, username: string): Promise<UserRow> {
  const res = await callApi(page, 'GET', `/api/users/search?q=${encodeURIComponent(username)}`);
  const found = (res.body as { items: UserRow[] }).items.find((u) => u.username === username);
  if (found === undefined) throw new Error(`no account ${username}: ${JSON.stringify(res.body)}`);
  return found;
}

describe('administration by the three administrators (三员分立)', () => {
  const web = useWebApp();

  it('the system administrator creates, finds, disables and resets an account, and may not assign roles', async () => {
    const page = await web.page({ locale: 'en' });
    await web.login(page, 'sysadmin');
    expect(new URL(page.url()).pathname).toBe('/admin/users');
    await page.getByRole('heading', { name: 'Accounts' }).waitFor();
    await expect(page.getByTestId('admin-duties').textContent()).resolves.toContain('(this account)');

    // A password the policy refuses: the server's reason appears in the form, nothing is created.
    await page.getByTestId('create-user').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Username').fill('zhao.liu');
    await dialog.getByLabel('Name', { exact: true }).fill('赵六');
    await dialog.getByLabel('Temporary password').fill('short');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const problem = page.getByTestId('user-form-problem');
    await problem.waitFor();
    await expect(problem.getAttribute('data-code')).resolves.toBe('password_policy');
    await expect(problem.textContent()).resolves.toMatch(/security policy/);
    expect((await callApi(page, 'GET', '/api/users/search?q=zhao.liu')).body).toMatchObject({ total: 0 });

    await dialog.getByLabel('Temporary password').fill('Temporary-Pass-2026');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('user-search').locator('input').fill('zhao');
    await page.getByTestId('user-search').locator('input').press('Enter');
    const row = rowOf(page, 'users-table', 'zhao.liu');
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('no roles yet');
    await expect(row.textContent()).resolves.toContain('must change password');

    await page.getByTestId('toggle-zhao.liu').click();
    await row.getByText('disabled', { exact: true }).waitFor();
    expect(await findUser(page, 'zhao.liu')).toMatchObject({ disabled: true, version: 2 });

    await page.getByTestId('reset-zhao.liu').click();
    await dialog.getByLabel('Temporary password').fill('Another-Temp-2026');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Temporary password set for "zhao.liu"').waitFor();

    // Roles belong to the security administrator: the button is greyed out, and the server refuses anyway.
    await expect(page.getByTestId('assign-zhao.liu').isDisabled()).resolves.toBe(true);
    const user = await findUser(page, 'zhao.liu');
    const refused = await callApi(page, 'PUT', `/api/users/${user.id}/roles`, {
      roles: ['viewer'],
      unitCode: null,
      version: user.version,
    });
    expect([refused.status, codeOf(refused)]).toEqual([403, 'forbidden']);
    await web.screenshot(page, 'admin-users');

    // Administrator accounts are out of the system administrator's reach (the server says why).
    await page.getByTestId('user-search').locator('input').fill('secadmin');
    await page.getByTestId('user-search').locator('input').press('Enter');
    await rowOf(page, 'users-table', 'secadmin').waitFor();
    await expect(page.getByTestId('toggle-secadmin').isDisabled()).resolves.toBe(true);
    const secadmin = await findUser(page, 'secadmin');
    const protectedAnswer = await callApi(page, 'PUT', `/api/users/${secadmin.id}`, {
      disabled: true,
      version: secadmin.version,
    });
    expect(codeOf(protectedAnswer)).toBe('admin_account_protected');
  });

  it('the security administrator sets the policy, assigns roles and issues and revokes a token', async () => {
    const page = await web.page({ locale: 'en' });
    await web.login(page, 'secadmin');
    expect(new URL(page.url()).pathname).toBe('/admin/security');
    await page.getByRole('heading', { name: 'Security policy' }).first().waitFor();
    const before = (await callApi(page, 'GET', '/api/security-policy')).body as {
      lockoutThreshold: number;
      version: number;
    };
    const threshold = page.getByTestId('policy-lockoutThreshold');
    await expect(threshold.inputValue()).resolves.toBe(String(before.lockoutThreshold));
    await threshold.fill(String(before.lockoutThreshold + 1));
    await page.getByTestId('policy-form').getByRole('button', { name: 'Save' }).click();
    await page.getByText(`Version ${before.version + 1}, updated`).waitFor();
    expect((await callApi(page, 'GET', '/api/security-policy')).body).toMatchObject({
      lockoutThreshold: before.lockoutThreshold + 1,
      version: before.version + 1,
    });
    // Out of bounds: the form says so before anything is sent.
    await threshold.fill('1000');
    await page.getByTestId('policy-form').getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('policy-form').getByText('Enter a whole number from 3 to 100').waitFor();
    expect((await callApi(page, 'GET', '/api/security-policy')).body).toMatchObject({
      lockoutThreshold: before.lockoutThreshold + 1,
    });
    expect((await callApi(page, 'GET', '/api/security-policy')).body).toMatchObject({
      lockoutThreshold: before.lockoutThreshold + 1,
    });

    // Role assignment: the inspector also as reporter without a unit is refused by the server's rules.
    await page.getByRole('tab', { name: 'Role assignment' }).click();
    await page.getByTestId('role-user-search').locator('input').fill('inspector');
    await page.getByTestId('role-user-search').locator('input').press('Enter');
    await rowOf(page, 'role-table', 'inspector').waitFor();
    await page.getByTestId('assign-inspector').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('reporter', { exact: true }).check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    const problem = page.getByTestId('role-form-problem');
    await problem.waitFor();
    await expect(problem.getAttribute('data-code')).resolves.toBe('roles_invalid');
    expect((await findUser(page, 'inspector')).roles).toEqual(['inspector']);

    const tree = await callApi(page, 'GET', '/api/users/search?q=reporter');
    const reporterUnit = (tree.body as { items: UserRow[] }).items[0]?.unitCode;
    expect(reporterUnit).toBeTruthy();
    await dialog.getByLabel('reporter', { exact: true }).uncheck();
    await page.getByTestId('role-unit').fill(reporterUnit!);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await rowOf(page, 'role-table', 'inspector').getByText(reporterUnit!).waitFor();
    expect(await findUser(page, 'inspector')).toMatchObject({ roles: ['inspector'], unitCode: reporterUnit });
    // Not one's own roles.
    await page.getByTestId('role-user-search').locator('input').fill('secadmin');
    await page.getByTestId('role-user-search').locator('input').press('Enter');
    await rowOf(page, 'role-table', 'secadmin').waitFor();
    await expect(page.getByTestId('assign-secadmin').isDisabled()).resolves.toBe(true);

    // A token with one scope: its secret works once shown, and stops working when revoked.
    await page.getByRole('tab', { name: 'API tokens' }).click();
    await page.getByTestId('issue-token').click();
    await dialog.getByLabel('Name', { exact: true }).fill('hotline-sync');
    await dialog.getByLabel('read units (units.read)').check();
    await dialog.getByRole('button', { name: 'Issue' }).click();
    const secret = ((await page.getByTestId('token-secret-value').textContent()) ?? '').trim();
    expect(secret.length).toBeGreaterThan(20);
    const asToken = () =>
      fetch(`${web.url}/api/units?limit=1`, { headers: { authorization: `Bearer ${secret}` } });
    expect((await asToken()).status).toBe(200);
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await web.screenshot(page, 'admin-security-tokens');
    await page.getByTestId('revoke-hotline-sync').click();
    await page.getByRole('tooltip').getByRole('button', { name: 'Revoke' }).click();
    await rowOf(page, 'token-table', 'hotline-sync').getByText('revoked').waitFor();
    expect((await asToken()).status).toBe(401);
    await page.getByRole('tab', { name: 'Policy' }).click();
    await web.screenshot(page, 'admin-security');
  });

  it('the auditor reads who did what with the before and after, filters, and verifies the chain', async () => {
    // A write to find: the system administrator disables the viewer account.
    const sys = await web.page();
    await web.login(sys, 'sysadmin');
    const viewer = await findUser(sys, 'viewer');
    const disabled = await callApi(sys, 'PUT', `/api/users/${viewer.id}`, {
      disabled: true,
      version: viewer.version,
    });
    expect(disabled.status).toBe(200);

    const page = await web.page({ locale: 'en' });
    await web.login(page, 'auditor');
    expect(new URL(page.url()).pathname).toBe('/admin/audit');
    const table = page.getByTestId('audit-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();

    await page.getByTestId('audit-filter').getByLabel('Action').fill('user.disable');
    await page.getByTestId('audit-filter').getByLabel('Entity id').fill(viewer.id);
    await page.getByTestId('audit-apply').click();
    // Until the filtered answer arrives the table still lists the unfiltered entries (another test
    // disabled an account too): wait for the one entry that matches both filters.
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count(), { timeout: 20_000 }).toBe(1);
    const row = rowOf(page, 'audit-table', 'user.disable');
    await row.waitFor();
    // Who, in which role, what, on which entity (cells after the expander, the seq and the time).
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(3, 6)).toEqual(['sysadmin', 'system administrator', 'user.disable']);
    expect(cells[6]).toContain(viewer.id);
    await row.getByRole('button', { name: /expand/i }).click();
    const diff = page.locator('[data-testid^="audit-diff-"]');
    await diff.waitFor();
    const changed = diff.locator('tr', { hasText: 'disabled' });
    await expect(changed.locator('td').allTextContents()).resolves.toEqual(['disabled', 'false', 'true']);
    await web.screenshot(page, 'admin-audit');

    await page.getByTestId('verify-chain').click();
    const ok = page.getByTestId('chain-ok');
    await ok.waitFor();
    await expect(ok.textContent()).resolves.toMatch(/The hash chain is intact: all [\d,]+ entries verify/);
  });

  it('refuses each administrator the others’ pages, in the interface and on the server', async () => {
    const cases = [
      {
        role: 'sysadmin',
        pages: ['/admin/security', '/admin/audit'],
        api: ['/api/security-policy', '/api/audit/search', '/api/tokens'],
      },
      {
        role: 'secadmin',
        pages: ['/admin/units', '/admin/audit'],
        api: ['/api/units', '/api/audit/search', '/api/unit-classes'],
      },
      {
        role: 'auditor',
        pages: ['/admin/users', '/admin/units', '/admin/security'],
        api: ['/api/users/search', '/api/units', '/api/security-policy'],
      },
    ] as const;
    for (const c of cases) {
      const page = await web.page({ locale: 'en' });
      await web.login(page, c.role);
      for (const path of c.pages) {
        await page.goto(path);
        await page.getByText(FORBIDDEN).waitFor();
      }
      for (const path of c.api) {
        const answer = await callApi(page, 'GET', path);
        expect([path, answer.status, codeOf(answer)]).toEqual([path, 403, 'forbidden']);
      }
      // The menu offers only the account's own administration pages.
      const menu = page.getByTestId('side-menu');
      const labels = { sysadmin: 'Units', secadmin: 'Security policy', auditor: 'Audit log' };
      for (const [role, label] of Object.entries(labels))
        await expect(menu.getByText(label, { exact: true }).count()).resolves.toBe(role === c.role ? 1 : 0);
    }
  });

  it('the system administrator keeps units: the tree, a class, and an import whose bad row changes nothing', async () => {
    const page = await web.page();
    await web.login(page, 'sysadmin');
    await page.goto('/admin/units');
    await page.getByRole('heading', { name: '考核对象管理' }).waitFor();
    const roots = (await callApi(page, 'GET', '/api/units/tree')).body as { roots: UnitNode[] };
    const parent = roots.roots.find((r) => r.children.length > 0)!;
    await page.getByTestId(`unit-node-${parent.code}`).click();
    const edit = page.getByTestId('unit-edit-form');
    await expect(edit.getByLabel('单位名称').inputValue()).resolves.toBe(parent.name);
    await web.screenshot(page, 'admin-units');

    // A move under its own child would make a loop: the server refuses it and the unit stays as it was.
    const child = parent.children[0]!;
    await edit.getByLabel('上级单位代码').fill(child.code);
    await edit.getByRole('button', { name: /保\s*存/ }).click();
    const loop = page.getByTestId('unit-form-problem');
    await loop.waitFor();
    await expect(loop.getAttribute('data-code')).resolves.toBe('unit_cycle');
    expect((await callApi(page, 'GET', `/api/units/${parent.code}`)).body).toMatchObject({
      parentCode: null,
    });

    // Disabling a unit (never deleting it): the tree marks it, the server has it disabled.
    await page.getByTestId(`unit-node-${child.code}`).click();
    const childForm = page.getByTestId('unit-edit-form');
    await expect(childForm.getByLabel('单位名称').inputValue()).resolves.toBe(child.name);
    await childForm.getByTestId('unit-disabled-switch').click();
    await childForm.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByTestId(`unit-node-${child.code}`).getByText('已停用').waitFor();
    expect((await callApi(page, 'GET', `/api/units/${child.code}`)).body).toMatchObject({ disabled: true });

    await page.getByRole('tab', { name: '单位类别' }).click();
    await page.getByTestId('class-form').getByLabel('类别代码').fill('pilot');
    await page.getByTestId('class-form').getByLabel('类别名称').fill('试点单位');
    await page
      .getByTestId('class-form')
      .getByRole('button', { name: /新增类别/ })
      .click();
    await page.getByTestId('class-table').getByText('试点单位').waitFor();

    await page.getByRole('tab', { name: '导入与导出' }).click();
    const header = '单位代码,单位名称,单位类别,上级单位代码,层级,弹性系数,停用';
    const good = `${parent.code}901,新增试点,pilot,${parent.code},town,,`;
    const bad = `${parent.code}902,,nope,${parent.code},town,-1,maybe`;
    const file = (rows: string[]) => ({
      name: 'units.csv',
      mimeType: 'text/csv',
      buffer: iconv.encode([header, ...rows].join('\r\n'), 'gbk'),
    });
    const input = page.locator('input[type=file]');
    await input.setInputFiles(file([good, bad]));
    const problem = page.getByTestId('import-problem');
    await problem.waitFor();
    await expect(problem.getAttribute('data-code')).resolves.toBe('import_failed');
    const rows = page.getByTestId('import-problem-issues').locator('tbody tr.ant-table-row');
    const issues: string[] = [];
    for (const row of await rows.all())
      issues.push((await row.locator('td').allTextContents()).slice(0, 2).join(' '));
    expect(issues).toEqual(['3 单位名称', '3 单位类别', '3 弹性系数', '3 停用']);
    await page.getByText('导入未执行：没有任何单位被修改').waitFor();
    await web.screenshot(page, 'admin-units-import-error');
    // All or nothing: the good row of the refused file was not added.
    expect((await callApi(page, 'GET', `/api/units/${parent.code}901`)).status).toBe(404);

    await input.setInputFiles(file([good]));
    const report = page.getByTestId('import-report');
    await report.waitFor();
    await expect(report.textContent()).resolves.toContain('新增 1 个，更新 0 个，未变 0 个');
    expect((await callApi(page, 'GET', `/api/units/${parent.code}901`)).body).toMatchObject({
      name: '新增试点',
      classCode: 'pilot',
      parentCode: parent.code,
    });
    await page.getByRole('tab', { name: '单位树' }).click();
    await page.getByTestId(`unit-node-${parent.code}`).waitFor();
  });

  it('shows the first broken entry when the audit log was tampered with (run last: it breaks the chain)', async () => {
    // What a database superuser could do: change an entry past the append-only triggers.
    const db = web.demo.db;
    await db.transaction().execute(async (trx) => {
      await sql`drop trigger audit_entry_no_update`.execute(trx);
      await sql`update audit_entry set actor = 'someone-else' where seq = 2`.execute(trx);
      await sql`create trigger audit_entry_no_update before update on audit_entry
        begin select raise(abort, 'audit_entry is append-only: UPDATE refused'); end`.execute(trx);
    });
    const page = await web.page({ locale: 'en' });
    await web.login(page, 'auditor');
    await page.getByTestId('verify-chain').click();
    const broken = page.getByTestId('chain-broken');
    await broken.waitFor();
    await expect(broken.textContent()).resolves.toContain('The hash chain breaks at entry 2');
    await expect(broken.textContent()).resolves.toContain('hash_mismatch');
    await web.screenshot(page, 'admin-audit-broken');
  });
});
