import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendAudit, createDatabase, migrateToLatest } from '@xiaoneng/server';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Context } from '../context.js';
import { auditCommand } from './audit.js';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xn-audit-cli-'));
  file = join(dir, 'x.db');
  const db = createDatabase(file);
  await migrateToLatest(db);
  await db
    .insertInto('province')
    .values({ code: '330000', name: '浙江省', created_at: '2026-11-23T00:00:00.000Z' })
    .execute();
  for (let i = 1; i <= 4; i++) {
    await db.transaction().execute((trx) =>
      appendAudit(trx, {
        province: '330000',
        actor: 'u',
        role: 'office',
        action: 'unit.create',
        entity: 'unit',
        entityId: `U${i}`,
        after: { i },
      }),
    );
  }
  await db.destroy();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function xnAudit(locale: 'en' | 'zh-CN', ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const ctx = new Context(
    {
      stdout: (s) => {
        stdout += s;
      },
      stderr: (s) => {
        stderr += s;
      },
      env: {},
    },
    locale,
  );
  await auditCommand(ctx).exitOverride().parseAsync(args, { from: 'user' });
  return { code: ctx.exitCode, stdout, stderr };
}

describe('xn audit verify', () => {
  it('exits 0 and prints each chain with its head', async () => {
    const r = await xnAudit('en', 'verify', '--database', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^330000 {2}intact {2}4 entries {2}head #4 [0-9a-f]{64}\n$/);
    expect(r.stderr).toMatch(/All 1 audit chain\(s\) intact\n$/);
  });

  it('exits 1 naming the first broken entry, in the chosen language', async () => {
    const db = createDatabase(file);
    await sql`drop trigger audit_entry_no_delete`.execute(db);
    await sql`delete from audit_entry where seq = 2`.execute(db);
    await db.destroy();
    const en = await xnAudit('en', 'verify', '--database', file);
    expect(en.code).toBe(1);
    expect(en.stdout).toMatch(/^330000 {2}BROKEN {2}2 entries {2}head #1 /);
    expect(en.stderr).toMatch(
      /audit entry 2 of province 330000 is missing \(the next one is 3\): an entry was deleted\n$/,
    );
    const zh = await xnAudit('zh-CN', 'verify', '--database', file, '--json');
    expect(zh.code).toBe(1);
    expect(JSON.parse(zh.stdout).firstBreak).toMatchObject({ province: '330000', seq: 2, reason: 'missing' });
    expect(zh.stderr).toMatch(/省份 330000 的审计日志第 2 条缺失（其后是第 3 条）：条目被删除\n$/);
  });

  it('exits non-zero on an unmigrated database and an unknown province', async () => {
    const empty = join(dir, 'empty.db');
    const db = createDatabase(empty);
    await sql`select 1`.execute(db);
    await db.destroy();
    const r = await xnAudit('en', 'verify', '--database', empty);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Database .*empty\.db failed:\n {2}no such table: province/);
    const unknown = await xnAudit('en', 'verify', '--database', file, '--province', '110000');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/There is no province 110000/);
  });
});
