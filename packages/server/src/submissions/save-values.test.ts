import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { makeApp, seedUser, signIn, TestClock } from '../test/app-fixture.js';
import { seedPublishedPlan } from '../test/domain-fixtures.js';
import { seedProvince } from '../test/fixtures.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';

const BASE = '/api/submissions/P2026/2026Q1/330106';

// The save's checks read scope, unit and period in one statement and bump the version first (on PostgreSQL:
// read everything, check, then one guarded write): what fails must still fail in the old order and leave
// nothing behind, and the audit entry must be in the chain when the save answers (on PostgreSQL it goes
// through the audit queue).
describe.each(DIALECTS)('saving values on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);

  async function world() {
    const province = await seedProvince(ctx.db);
    await seedPublishedPlan(ctx.db, province);
    await ctx.db
      .updateTable('period')
      .set({ deadline: '2026-12-31T16:00:00.000Z' })
      .where('province_code', '=', province)
      .execute();
    const app = await makeApp(ctx.db, new TestClock());
    const user = await seedUser(ctx.db, province, ['reporter'], { unitCode: '330106' });
    const session = await signIn(app, user.username);
    const put = (payload: object) =>
      app.inject({
        method: 'PUT',
        url: `${BASE}/values`,
        headers: { ...session.headers, 'accept-language': 'en' },
        payload,
      });
    const values = () =>
      ctx.db
        .selectFrom('data_value')
        .select(['element_code', 'value', 'version'])
        .where('province_code', '=', province)
        .where('unit_code', '=', '330106')
        .orderBy('element_code')
        .execute();
    const chain = () =>
      ctx.db
        .selectFrom('audit_entry')
        .select(['seq', 'action', 'before_json', 'after_json'])
        .where('province_code', '=', province)
        .where('action', '=', 'submission.values')
        .orderBy('seq')
        .execute();
    return { province, put, values, chain };
  }

  it('writes the values in one go, bumps rewritten ones, and chains the entry before it answers', async () => {
    const w = await world();
    const first = await w.put({
      values: [
        { element: 'cases.done', value: 80 },
        { element: 'cases.total', value: 100 },
      ],
      version: 0,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'draft', planVersion: 1, version: 1 });
    const second = await w.put({
      values: [
        { element: 'cases.total', value: 120 },
        { element: 'cases.done', value: null },
      ],
      version: 1,
    });
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ status: 'draft', version: 2 });
    expect(await w.values()).toEqual([{ element_code: 'cases.total', value: 120, version: 2 }]);
    const entries = await w.chain();
    expect(entries.map((e) => [e.before_json, e.after_json])).toEqual([
      [
        '[]',
        '[{"element":"cases.done","evidenceHash":null,"value":80},{"element":"cases.total","evidenceHash":null,"value":100}]',
      ],
      [
        '[{"element":"cases.done","evidenceHash":null,"value":80},{"element":"cases.total","evidenceHash":null,"value":100}]',
        '[{"element":"cases.total","evidenceHash":null,"value":120}]',
      ],
    ]);
    expect(
      await ctx.db.selectFrom('audit_queue').select('id').where('province_code', '=', w.province).execute(),
    ).toEqual([]);
  });

  // On PostgreSQL a save reads, checks and then writes only if the version is still the one read: of saves
  // that all read version 1, the first to write wins and every other one must get a 409, not a second
  // write with a stale "before".
  it('lets exactly one of eight saves of the same version win; the others get 409 and record nothing', async () => {
    const w = await world();
    expect((await w.put({ values: [{ element: 'cases.done', value: 1 }], version: 0 })).statusCode).toBe(200);
    const tried = [10, 11, 12, 13, 14, 15, 16, 17];
    const answers = await Promise.all(
      tried.map((value) => w.put({ values: [{ element: 'cases.done', value }], version: 1 })),
    );
    const won = answers.filter((a) => a.statusCode === 200);
    expect(won).toHaveLength(1);
    expect(won[0]?.json()).toMatchObject({ status: 'draft', version: 2 });
    const lost = answers.filter((a) => a.statusCode !== 200);
    expect(lost).toHaveLength(7);
    for (const a of lost) {
      expect(a.statusCode).toBe(409);
      expect(a.json()).toMatchObject({ code: 'version_conflict', currentVersion: 2 });
    }
    const [stored] = await w.values();
    expect(stored?.version).toBe(2);
    const winner = tried[answers.findIndex((a) => a.statusCode === 200)];
    expect(stored?.value).toBe(winner);
    const entries = await w.chain();
    expect(entries.map((e) => [e.before_json, e.after_json])).toEqual([
      ['[]', '[{"element":"cases.done","evidenceHash":null,"value":1}]'],
      [
        '[{"element":"cases.done","evidenceHash":null,"value":1}]',
        `[{"element":"cases.done","evidenceHash":null,"value":${winner}}]`,
      ],
    ]);
  });

  // The narrower race, on PostgreSQL: another write commits after a save has read and checked everything
  // but before its write. The saves are held at their write by an open transaction that bumps the version
  // itself; once it commits, every one of them must find the version moved and answer 409.
  it.runIf(dialect === 'postgres')(
    'answers 409 and writes nothing when the version moves between the read and the write',
    async () => {
      const w = await world();
      expect((await w.put({ values: [{ element: 'cases.done', value: 1 }], version: 0 })).statusCode).toBe(
        200,
      );
      const saves = await ctx.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('submission')
          .set({ version: 2 })
          .where('province_code', '=', w.province)
          .where('unit_code', '=', '330106')
          .execute();
        const saving = Promise.all(
          [5, 6, 7].map((value) => w.put({ values: [{ element: 'cases.done', value }], version: 1 })),
        );
        for (let waited = 0; ; waited += 20) {
          const blocked = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
            where wait_event_type = 'Lock' and datname = current_database()`.execute(ctx.db);
          if (blocked.rows[0]?.n === 3) break;
          if (waited > 10_000) throw new Error('the saves never reached their write');
          await new Promise((r) => setTimeout(r, 20));
        }
        // Returned wrapped: awaiting it here would wait for the commit this transaction holds back.
        return { saving };
      });
      const answers = await saves.saving;
      expect(answers.map((a) => [a.statusCode, a.json().currentVersion])).toEqual([
        [409, 2],
        [409, 2],
        [409, 2],
      ]);
      expect(await w.values()).toEqual([{ element_code: 'cases.done', value: 1, version: 1 }]);
      expect(await w.chain()).toHaveLength(1);
      expect(
        await ctx.db.selectFrom('audit_queue').select('id').where('province_code', '=', w.province).execute(),
      ).toEqual([]);
    },
  );

  it('refuses a disabled unit after the version check, and changes nothing', async () => {
    const w = await world();
    expect((await w.put({ values: [{ element: 'cases.done', value: 1 }], version: 0 })).statusCode).toBe(200);
    await ctx.db
      .updateTable('unit')
      .set({ disabled: 1 })
      .where('province_code', '=', w.province)
      .where('code', '=', '330106')
      .execute();
    const stale = await w.put({ values: [{ element: 'cases.done', value: 2 }], version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version_conflict', currentVersion: 1 });
    const disabled = await w.put({ values: [{ element: 'cases.done', value: 2 }], version: 1 });
    expect(disabled.statusCode).toBe(409);
    expect(disabled.json().code).toBe('unit_disabled');
    // The version bump of the refused save was rolled back with it.
    expect(await w.values()).toEqual([{ element_code: 'cases.done', value: 1, version: 1 }]);
    const row = await ctx.db
      .selectFrom('submission')
      .select('version')
      .where('province_code', '=', w.province)
      .where('unit_code', '=', '330106')
      .executeTakeFirstOrThrow();
    expect(row.version).toBe(1);
    expect(await w.chain()).toHaveLength(1);
  });

  it('refuses a closed period with its own problem, and stores and records nothing', async () => {
    const w = await world();
    await ctx.db
      .updateTable('period')
      .set({ status: 'closed' })
      .where('province_code', '=', w.province)
      .where('code', '=', '2026Q1')
      .execute();
    const closed = await w.put({ values: [{ element: 'cases.done', value: 1 }], version: 0 });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe('period_closed');
    expect(await w.values()).toEqual([]);
    expect(await w.chain()).toEqual([]);
  });
});
