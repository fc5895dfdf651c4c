import { describe, expect, it } from 'vitest';
import { seedProvince } from '../test/fixtures.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';
import { appendAudit } from './append-audit.js';
import type { AuditEntryInput } from './audit-entry.js';
import { chainQueuedAudit, moveQueuedAudit, queueAudit } from './audit-queue.js';
import { verifyAuditChain } from './verify-audit-chain.js';

const entry = (province: string, actor: string): AuditEntryInput => ({
  province,
  actor,
  role: 'reporter',
  action: 'submission.values',
  entity: 'submission',
  entityId: `plan/2026/${actor}`,
  before: [{ element: 'E1', value: 1, evidenceHash: null }],
  after: [{ element: 'E1', value: 2, evidenceHash: null }],
  requestId: `req-${actor}`,
  at: '2026-11-23T08:00:00.000Z',
});

describe.each(DIALECTS)('audit queue on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);

  const chain = (province: string) =>
    ctx.db
      .selectFrom('audit_entry')
      .select(['seq', 'actor', 'before_json', 'after_json', 'request_id', 'algorithm'])
      .where('province_code', '=', province)
      .orderBy('seq')
      .execute();
  const waiting = async (province: string) =>
    (
      await ctx.db
        .selectFrom('audit_queue')
        .select('actor')
        .where('province_code', '=', province)
        .orderBy('id')
        .execute()
    ).map((r) => r.actor);

  it('keeps queued entries out of the chain until moved, then chains them after what is there, oldest first', async () => {
    const p = await seedProvince(ctx.db);
    await ctx.db.transaction().execute((trx) => appendAudit(trx, entry(p, 'a')));
    await ctx.db.transaction().execute((trx) => queueAudit(trx, entry(p, 'b')));
    await ctx.db.transaction().execute((trx) => queueAudit(trx, entry(p, 'c'), { algorithm: 'sm3' }));
    expect((await chain(p)).map((e) => e.actor)).toEqual(['a']);
    expect(await waiting(p)).toEqual(['b', 'c']);

    expect(await chainQueuedAudit(ctx.db, p)).toBe(2);
    const chained = await chain(p);
    expect(chained).toEqual([
      expect.objectContaining({ seq: 1, actor: 'a', algorithm: 'sha256' }),
      expect.objectContaining({ seq: 2, actor: 'b', algorithm: 'sha256', request_id: 'req-b' }),
      expect.objectContaining({ seq: 3, actor: 'c', algorithm: 'sm3', request_id: 'req-c' }),
    ]);
    // Before and after as canonical JSON, exactly as a direct append writes them.
    expect(chained[1]!.before_json).toBe('[{"element":"E1","evidenceHash":null,"value":1}]');
    expect(chained[1]!.after_json).toBe(chained[0]!.after_json);
    expect(await waiting(p)).toEqual([]);
    const report = await verifyAuditChain(ctx.db, { province: p });
    expect(report.ok).toBe(true);
    expect(report.chains[0]).toMatchObject({ entries: 3 });
    // Nothing left: a second move moves nothing and adds nothing.
    expect(await chainQueuedAudit(ctx.db, p)).toBe(0);
    expect(await chain(p)).toHaveLength(3);
  });

  it('never chains an entry whose write rolled back', async () => {
    const p = await seedProvince(ctx.db);
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await queueAudit(trx, entry(p, 'gone'));
        throw new Error('the write fails after its entry was queued');
      }),
    ).rejects.toThrow('the write fails');
    expect(await waiting(p)).toEqual([]);
    expect(await moveQueuedAudit(ctx.db, p)).toBe(0);
    expect(await chain(p)).toEqual([]);
  });

  it('chains entries left waiting by a process that died before moving them, on the next move', async () => {
    const p = await seedProvince(ctx.db);
    // Committed but never moved, as after a crash between the write's commit and the move.
    for (const who of ['x', 'y', 'z'])
      await ctx.db.transaction().execute((trx) => queueAudit(trx, entry(p, who)));
    await ctx.db.transaction().execute((trx) => queueAudit(trx, entry(p, 'next')));
    expect(await moveQueuedAudit(ctx.db, p)).toBe(4);
    expect((await chain(p)).map((e) => `${e.seq}:${e.actor}`)).toEqual(['1:x', '2:y', '3:z', '4:next']);
    expect((await verifyAuditChain(ctx.db, { province: p })).ok).toBe(true);
  });

  it('makes one unforked chain of many writers queueing and moving at once, with direct appends between', async () => {
    const p = await seedProvince(ctx.db);
    const writers = Array.from({ length: 40 }, (_, i) => `w${String(i).padStart(2, '0')}`);
    const moved = await Promise.all(
      writers.map(async (who, i) => {
        if (i % 10 === 0) {
          await ctx.db.transaction().execute((trx) => appendAudit(trx, entry(p, who)));
          return 0;
        }
        await ctx.db.transaction().execute((trx) => queueAudit(trx, entry(p, who)));
        return moveQueuedAudit(ctx.db, p);
      }),
    );
    // Every write that returned is chained: nothing waits, and every writer appears exactly once.
    expect(await waiting(p)).toEqual([]);
    const chained = await chain(p);
    expect(chained.map((e) => e.seq)).toEqual(writers.map((_, i) => i + 1));
    expect(chained.map((e) => e.actor).sort()).toEqual(writers);
    expect((await verifyAuditChain(ctx.db, { province: p })).ok).toBe(true);
    // Concurrent callers share moves: fewer moves than queued writes did the work.
    expect(Math.max(...moved)).toBeGreaterThanOrEqual(1);
  });

  it('keeps chains of different provinces apart', async () => {
    const p = await seedProvince(ctx.db);
    const q = await seedProvince(ctx.db);
    await ctx.db.transaction().execute((trx) => queueAudit(trx, entry(p, 'p1')));
    await ctx.db.transaction().execute((trx) => queueAudit(trx, entry(q, 'q1')));
    expect(await moveQueuedAudit(ctx.db, p)).toBe(1);
    expect(await waiting(q)).toEqual(['q1']);
    expect((await chain(q)).length).toBe(0);
    expect(await moveQueuedAudit(ctx.db, q)).toBe(1);
    expect((await chain(q)).map((e) => e.actor)).toEqual(['q1']);
  });

  it('refuses changes to a waiting entry', async () => {
    const p = await seedProvince(ctx.db);
    await ctx.db.transaction().execute((trx) => queueAudit(trx, entry(p, 'kept')));
    await expect(
      ctx.db.updateTable('audit_queue').set({ actor: 'forged' }).where('province_code', '=', p).execute(),
    ).rejects.toThrow(/only moved, never changed: UPDATE refused/);
    expect(await waiting(p)).toEqual(['kept']);
  });

  it('refuses an entry with an unknown hash algorithm before anything is written', async () => {
    const p = await seedProvince(ctx.db);
    await expect(
      ctx.db.transaction().execute((trx) => queueAudit(trx, entry(p, 'bad'), { algorithm: 'md5' })),
    ).rejects.toThrow(/md5/);
    expect(await waiting(p)).toEqual([]);
  });
});
