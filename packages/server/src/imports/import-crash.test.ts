import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { seedPublishedPlan } from '../test/domain-fixtures.js';
import { seedProvince } from '../test/fixtures.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';

// The child runs the built server (dist/, made by `npm run build` before the tests), because a plain
// Node process cannot load the TypeScript sources.
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

/**
 * Imports in a child process that kills itself (SIGKILL: no cleanup, no rollback of its own) right after
 * the first batch of values reached the database inside the import's transaction. `die` false runs the
 * same import to the end, to show that the child does write when it is not killed.
 */
const CHILD = `
import { readFileSync } from 'node:fs';
const [dist, url, province, file, die] = process.argv.slice(2);
const { createDatabase } = await import(dist + 'db/database.js');
const { importValues } = await import(dist + 'imports/import-values.js');
const killAfterFirstBatch = {
  transformQuery: (args) => args.node,
  transformResult: async (args) => {
    if (die === '1' && args.result.numAffectedRows !== undefined && args.result.numAffectedRows > 100n)
      process.kill(process.pid, 'SIGKILL');
    return args.result;
  },
};
const db = createDatabase(url).withPlugin(killAfterFirstBatch);
const act = { province, actor: 'crash-test', role: 'office', requestId: undefined, at: '2026-11-23T08:00:00.000Z', auditAlgorithm: 'sha256' };
const principal = { kind: 'user', userId: 'x', username: 'crash-test', displayName: 'x', province, roles: ['office'], unitCode: null, mustChangePassword: false, sessionIdHash: 'x', csrfToken: 'x' };
const report = await importValues(db, act, principal, readFileSync(file), { planCode: 'P2026', periodCode: '2026Q1', source: 'self' });
process.stdout.write(JSON.stringify(report));
await db.destroy();
`;

describe.each(DIALECTS)('an import killed half way on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);
  const dir = mkdtempSync(join(tmpdir(), 'xn-crash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function provinceWithUnits(n: number): Promise<{ province: string; file: string }> {
    const province = await seedProvince(ctx.db);
    await seedPublishedPlan(ctx.db, province);
    await ctx.db
      .updateTable('period')
      .set({ deadline: null })
      .where('province_code', '=', province)
      .execute();
    const codes = Array.from({ length: n }, (_, i) => `C${String(i).padStart(5, '0')}`);
    for (let i = 0; i < n; i += 500)
      await ctx.db
        .insertInto('unit')
        .values(
          codes.slice(i, i + 500).map((code) => ({
            province_code: province,
            code,
            name: code,
            class_code: 'county',
            parent_code: '330106',
            level: 'town',
            elasticity: null,
          })),
        )
        .execute();
    const file = join(dir, `${province}.csv`);
    writeFileSync(
      file,
      [
        '单位代码,办结件数（cases.done）,受理件数（cases.total）',
        ...codes.map((c, i) => `${c},${i},${i + 1}`),
      ].join('\n'),
    );
    return { province, file };
  }

  function runChild(province: string, file: string, die: boolean) {
    const script = join(dir, 'child.mjs');
    writeFileSync(script, CHILD);
    return new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>(
      (resolve) => {
        const child = spawn(process.execPath, [script, DIST, ctx.url, province, file, die ? '1' : '0']);
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => {
          out += d;
        });
        child.stderr.on('data', (d) => {
          err += d;
        });
        child.on('exit', (code, signal) => resolve({ code, signal, out, err }));
      },
    );
  }

  const count = async (table: 'data_value' | 'submission', province: string) =>
    Number(
      (
        await ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('province_code', '=', province)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('leaves the database as it was, and the same import runs to the end when not killed', async () => {
    const killed = await provinceWithUnits(1500);
    const crash = await runChild(killed.province, killed.file, true);
    expect(crash.err).toBe('');
    expect(crash.signal).toBe('SIGKILL');
    expect(crash.out).toBe('');
    expect(await count('data_value', killed.province)).toBe(0);
    expect(await count('submission', killed.province)).toBe(0);
    const audit = await ctx.db
      .selectFrom('audit_entry')
      .select('action')
      .where('province_code', '=', killed.province)
      .execute();
    expect(audit).toEqual([]);

    const whole = await runChild(killed.province, killed.file, false);
    expect(whole.err).toBe('');
    expect(whole.code).toBe(0);
    expect(JSON.parse(whole.out)).toMatchObject({ units: 1500, values: 3000 });
    expect(await count('data_value', killed.province)).toBe(3000);
    expect(await count('submission', killed.province)).toBe(1500);
  }, 60_000);
});
