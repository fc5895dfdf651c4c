import { createHash } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database, DialectName } from '../db/database.js';
import type { AuditEntryRow } from '../db/tables/audit-entry.table.js';
import { seedProvince } from '../test/fixtures.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';
import { appendAudit } from './append-audit.js';
import type { AuditEntryInput } from './audit-entry.js';
import { AuditError } from './audit-error.js';
import { canonicalJson } from './canonical-json.js';
import { entryHash } from './entry-hash.js';
import { GENESIS_HASH } from './hash-algorithm.js';
import { verifyAuditChain } from './verify-audit-chain.js';

const entry = (province: string, n: number): AuditEntryInput => ({
  province,
  actor: `user-${n}`,
  role: 'office',
  action: 'unit.update',
  entity: 'unit',
  entityId: '330106',
  before: { name: `名称 ${n - 1}`, version: n },
  after: { version: n + 1, name: `名称 ${n}` },
  requestId: `req-${n}`,
  at: `2026-11-23T08:00:${String(n % 60).padStart(2, '0')}.000Z`,
});

async function appendMany(
  db: Kysely<Database>,
  province: string,
  count: number,
  algorithm?: string,
): Promise<void> {
  for (let n = 1; n <= count; n++) {
    await db
      .transaction()
      .execute((trx) => appendAudit(trx, entry(province, n), algorithm ? { algorithm } : {}));
  }
}

/**
 * What an attacker with superuser access to the database can do: write past the append-only triggers. On
 * SQLite the triggers are dropped and recreated around the write; on PostgreSQL replica mode skips them.
 */
async function asSuperuser(
  db: Kysely<Database>,
  dialect: DialectName,
  write: (trx: Transaction<Database>) => Promise<void>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') {
      await sql`set local session_replication_role = replica`.execute(trx);
      await write(trx);
      return;
    }
    await sql`drop trigger audit_entry_no_update`.execute(trx);
    await sql`drop trigger audit_entry_no_delete`.execute(trx);
    await write(trx);
    await sql`create trigger audit_entry_no_update before update on audit_entry
      begin select raise(abort, 'audit_entry is append-only: UPDATE refused'); end`.execute(trx);
    await sql`create trigger audit_entry_no_delete before delete on audit_entry
      begin select raise(abort, 'audit_entry is append-only: DELETE refused'); end`.execute(trx);
  });
}

describe.each(DIALECTS)('audit chain on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);

  it('hashes the first entry as H(zeros ‖ canonical JSON of its columns)', async () => {
    const p = await seedProvince(ctx.db);
    const written = await ctx.db.transaction().execute((trx) => appendAudit(trx, entry(p, 1)));
    const canonical =
      `{"action":"unit.update","actor":"user-1","after_json":"{\\"name\\":\\"名称 1\\",\\"version\\":2}",` +
      `"algorithm":"sha256","at":"2026-11-23T08:00:01.000Z","before_json":"{\\"name\\":\\"名称 0\\",\\"version\\":1}",` +
      `"entity":"unit","entity_id":"330106","province_code":"${p}","request_id":"req-1","role":"office","seq":1}`;
    const expected = createHash('sha256')
      .update(`${'0'.repeat(64)}${canonical}`, 'utf8')
      .digest('hex');
    expect(written).toMatchObject({
      seq: 1,
      prevHash: GENESIS_HASH,
      hash: expected,
      afterJson: '{"name":"名称 1","version":2}',
    });
    const stored = await ctx.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('province_code', '=', p)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.hash).toBe(expected);
  });

  // On PostgreSQL the links go in as arrays (unnest): what is stored must be exactly the text hashed, for
  // characters an array literal quotes or escapes too, and the word NULL must stay a word.
  it('stores every column exactly as hashed: quotes, backslashes, braces, NULL as text and as null', async () => {
    const p = await seedProvince(ctx.db);
    const tricky = 'a "quoted" \\ back\\slash {x,y} NULL\n新行 😀';
    const input: AuditEntryInput = {
      province: p,
      actor: 'NULL',
      role: 'office',
      action: 'unit.update',
      entity: 'unit',
      entityId: '{330106}',
      before: { text: tricky },
      at: '2026-11-23T08:00:00.000Z',
    };
    await ctx.db.transaction().execute((trx) => appendAudit(trx, input));
    await ctx.db.transaction().execute((trx) => appendAudit(trx, { ...input, actor: 'b', after: [tricky] }));
    const rows = await ctx.db
      .selectFrom('audit_entry')
      .select(['actor', 'entity_id', 'before_json', 'after_json', 'request_id'])
      .where('province_code', '=', p)
      .orderBy('seq')
      .execute();
    expect(rows).toEqual([
      {
        actor: 'NULL',
        entity_id: '{330106}',
        before_json: canonicalJson({ text: tricky }),
        after_json: null,
        request_id: null,
      },
      {
        actor: 'b',
        entity_id: '{330106}',
        before_json: canonicalJson({ text: tricky }),
        after_json: canonicalJson([tricky]),
        request_id: null,
      },
    ]);
    expect((await verifyAuditChain(ctx.db, { province: p })).ok).toBe(true);
  });

  it('verifies a long chain, in SHA-256 and in SM3, and reports its head', async () => {
    const p = await seedProvince(ctx.db);
    await appendMany(ctx.db, p, 25);
    const q = await seedProvince(ctx.db);
    await appendMany(ctx.db, q, 7, 'sm3');
    const last = await ctx.db
      .selectFrom('audit_entry')
      .select('hash')
      .where('province_code', '=', p)
      .where('seq', '=', 25)
      .executeTakeFirstOrThrow();
    // A small page size makes the walk cross page boundaries.
    const report = await verifyAuditChain(ctx.db, { province: p, pageSize: 4 });
    expect(report).toEqual({
      ok: true,
      chains: [{ province: p, entries: 25, headSeq: 25, headHash: last.hash }],
    });
    const sm3 = await verifyAuditChain(ctx.db, { province: q });
    expect(sm3.ok).toBe(true);
    expect(sm3.chains[0]?.entries).toBe(7);
    const algorithms = await ctx.db
      .selectFrom('audit_entry')
      .select('algorithm')
      .distinct()
      .where('province_code', '=', q)
      .execute();
    expect(algorithms).toEqual([{ algorithm: 'sm3' }]);
  });

  it('keeps one unforked chain when many tasks append at once', async () => {
    const p = await seedProvince(ctx.db);
    const tasks = 8;
    const perTask = 15;
    await Promise.all(
      Array.from({ length: tasks }, async (_, task) => {
        for (let i = 0; i < perTask; i++) {
          await ctx.db
            .transaction()
            .execute((trx) => appendAudit(trx, { ...entry(p, task * 100 + i), at: undefined }));
        }
      }),
    );
    const seqs = await ctx.db
      .selectFrom('audit_entry')
      .select('seq')
      .where('province_code', '=', p)
      .orderBy('seq')
      .execute();
    expect(seqs.map((r) => r.seq)).toEqual(Array.from({ length: tasks * perTask }, (_, i) => i + 1));
    const report = await verifyAuditChain(ctx.db, { province: p });
    expect(report.ok).toBe(true);
    expect(report.chains[0]?.entries).toBe(tasks * perTask);
  });

  it('refuses UPDATE and DELETE through ordinary SQL', async () => {
    const p = await seedProvince(ctx.db);
    await appendMany(ctx.db, p, 3);
    await expect(
      ctx.db
        .updateTable('audit_entry')
        .set({ actor: 'someone else' })
        .where('province_code', '=', p)
        .where('seq', '=', 2)
        .execute(),
    ).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(ctx.db.deleteFrom('audit_entry').where('province_code', '=', p).execute()).rejects.toThrow(
      /append-only: DELETE refused/,
    );
    if (dialect === 'postgres') {
      await expect(sql`truncate audit_entry`.execute(ctx.db)).rejects.toThrow(
        /append-only: TRUNCATE refused/,
      );
    }
    expect((await verifyAuditChain(ctx.db, { province: p })).chains[0]?.entries).toBe(3);
  });

  it('detects a changed entry at its seq', async () => {
    const p = await seedProvince(ctx.db);
    await appendMany(ctx.db, p, 10);
    await asSuperuser(ctx.db, dialect, async (trx) => {
      await trx
        .updateTable('audit_entry')
        .set({ after_json: '{"name":"篡改"}' })
        .where('province_code', '=', p)
        .where('seq', '=', 7)
        .execute();
    });
    const report = await verifyAuditChain(ctx.db, { province: p });
    expect(report.ok).toBe(false);
    expect(report.firstBreak).toEqual({
      province: p,
      seq: 7,
      reason: 'hash_mismatch',
      message: {
        'zh-CN': `省份 ${p} 的审计日志第 7 条的内容与其哈希不符：条目被篡改`,
        en: `audit entry 7 of province ${p} does not match its hash: it was changed`,
      },
    });
    expect(report.chains[0]).toMatchObject({ entries: 7, headSeq: 6 });
  });

  it('detects a changed entry whose hash was recomputed at the next seq', async () => {
    const p = await seedProvince(ctx.db);
    await appendMany(ctx.db, p, 6);
    const row = await ctx.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('province_code', '=', p)
      .where('seq', '=', 4)
      .executeTakeFirstOrThrow();
    const forged = { ...row, actor: 'innocent' };
    await asSuperuser(ctx.db, dialect, async (trx) => {
      await trx
        .updateTable('audit_entry')
        .set({ actor: forged.actor, hash: entryHash('sha256', forged) })
        .where('province_code', '=', p)
        .where('seq', '=', 4)
        .execute();
    });
    expect((await verifyAuditChain(ctx.db, { province: p })).firstBreak).toMatchObject({
      seq: 5,
      reason: 'prev_hash_mismatch',
    });
  });

  it('detects a deleted entry at the missing seq', async () => {
    const p = await seedProvince(ctx.db);
    await appendMany(ctx.db, p, 10);
    await asSuperuser(ctx.db, dialect, async (trx) => {
      await trx.deleteFrom('audit_entry').where('province_code', '=', p).where('seq', '=', 4).execute();
    });
    const report = await verifyAuditChain(ctx.db, { province: p });
    expect(report.firstBreak).toMatchObject({ seq: 4, reason: 'missing' });
    expect(report.firstBreak?.message.en).toBe(
      `audit entry 4 of province ${p} is missing (the next one is 5): an entry was deleted`,
    );
  });

  it('detects two entries whose contents were swapped at the earlier seq', async () => {
    const p = await seedProvince(ctx.db);
    await appendMany(ctx.db, p, 8);
    const rows = await ctx.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('province_code', '=', p)
      .where('seq', 'in', [3, 6])
      .orderBy('seq')
      .execute();
    const [third, sixth] = rows as [AuditEntryRow, AuditEntryRow];
    const { province_code: _p, seq: _s, ...thirdContent } = third;
    const { province_code: _q, seq: _t, ...sixthContent } = sixth;
    await asSuperuser(ctx.db, dialect, async (trx) => {
      await trx
        .updateTable('audit_entry')
        .set(sixthContent)
        .where('province_code', '=', p)
        .where('seq', '=', 3)
        .execute();
      await trx
        .updateTable('audit_entry')
        .set(thirdContent)
        .where('province_code', '=', p)
        .where('seq', '=', 6)
        .execute();
    });
    expect((await verifyAuditChain(ctx.db, { province: p })).firstBreak).toMatchObject({
      seq: 3,
      reason: 'hash_mismatch',
    });
  });

  it('cannot see an entry cut off the end, but its head moves back (why heads are kept elsewhere)', async () => {
    const p = await seedProvince(ctx.db);
    await appendMany(ctx.db, p, 5);
    const before = (await verifyAuditChain(ctx.db, { province: p })).chains[0]!;
    await asSuperuser(ctx.db, dialect, async (trx) => {
      await trx.deleteFrom('audit_entry').where('province_code', '=', p).where('seq', '=', 5).execute();
    });
    const after = await verifyAuditChain(ctx.db, { province: p });
    expect(after.ok).toBe(true);
    expect(after.chains[0]?.headSeq).toBe(4);
    expect(after.chains[0]?.headHash).not.toBe(before.headHash);
  });

  it('keeps provinces apart and names the first broken chain', async () => {
    const p = await seedProvince(ctx.db);
    const q = await seedProvince(ctx.db);
    await appendMany(ctx.db, p, 3);
    await appendMany(ctx.db, q, 3);
    expect((await verifyAuditChain(ctx.db, { province: q })).chains[0]?.headSeq).toBe(3);
    await asSuperuser(ctx.db, dialect, async (trx) => {
      await trx
        .updateTable('audit_entry')
        .set({ role: 'auditor' })
        .where('province_code', '=', q)
        .where('seq', '=', 2)
        .execute();
    });
    const all = await verifyAuditChain(ctx.db);
    expect(all.ok).toBe(false);
    expect(all.chains.find((c) => c.province === p)?.break).toBeUndefined();
    expect(all.chains.find((c) => c.province === q)?.break).toMatchObject({
      seq: 2,
      reason: 'hash_mismatch',
    });
  });

  it('is written only inside a transaction, with a known algorithm', async () => {
    const p = await seedProvince(ctx.db);
    await expect(appendAudit(ctx.db as unknown as Transaction<Database>, entry(p, 1))).rejects.toThrow(
      AuditError,
    );
    await expect(
      ctx.db.transaction().execute((trx) => appendAudit(trx, entry(p, 1), { algorithm: 'md5' })),
    ).rejects.toMatchObject({ code: 'algorithm_unknown' });
    expect(
      await ctx.db.selectFrom('audit_entry').select('seq').where('province_code', '=', p).execute(),
    ).toEqual([]);
  });
});
