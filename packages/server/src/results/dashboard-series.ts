import { parsePeriod } from '@xiaoneng/engine';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { SNAPSHOT_HEAD_COLUMNS, type SnapshotHead } from './snapshot-store.js';

/** Position of a period among periods of its type: comparable only between periods of the same type. */
function ordinal(code: string): { type: string; at: number } | undefined {
  const p = parsePeriod(code);
  return p === undefined ? undefined : { type: p.type, at: p.year * 12 + p.index };
}

/**
 * The snapshot that speaks for each period of `head`'s plan, up to and including `head`'s period, oldest
 * first: `head` itself for its own period; for an earlier period its published snapshot, else (only for
 * callers who see drafts) its newest draft. Superseded snapshots were corrected and never speak. Only
 * periods of the same type as `head`'s count (a quarterly snapshot is no "previous period" of a year).
 */
export async function periodSeries(
  db: Kysely<Database>,
  province: string,
  head: SnapshotHead,
  seesDrafts: boolean,
): Promise<SnapshotHead[]> {
  const own = ordinal(head.period_code);
  if (own === undefined) return [head];
  let q = db
    .selectFrom('result_snapshot')
    .select(SNAPSHOT_HEAD_COLUMNS)
    .where('province_code', '=', province)
    .where('plan_code', '=', head.plan_code)
    .where('status', '<>', 'superseded');
  if (!seesDrafts) q = q.where('status', '<>', 'draft');
  const rows = await q.orderBy('created_at', 'desc').orderBy('id').execute();
  const best = new Map<string, SnapshotHead>();
  for (const r of rows) {
    const o = ordinal(r.period_code);
    if (o === undefined || o.type !== own.type || o.at >= own.at) continue;
    const seen = best.get(r.period_code);
    if (seen === undefined || (seen.status === 'draft' && r.status === 'published'))
      best.set(r.period_code, r);
  }
  const earlier = [...best.values()].sort((a, b) => ordinal(a.period_code)!.at - ordinal(b.period_code)!.at);
  return [...earlier, head];
}
