import { type Plan, parsePeriod, previousPeriod } from '@xiaoneng/engine';
import type { Kysely } from 'kysely';
import { type UnitScope, unitCodesInScope } from '../auth/row-scope.js';
import type { Database } from '../db/database.js';
import { publishedPlan } from '../plans/plan-repository.js';
import { type PlausibilityFlag, plausibilityFlags } from './plausibility-flags.js';

export interface ReviewQueueQuery {
  planCode?: string;
  periodCode?: string;
  unitCode?: string;
  /** Only submissions with at least one flag (true) or with none (false). */
  flagged?: boolean;
  limit: number;
  offset: number;
}

export interface ReviewQueueItem {
  planCode: string;
  periodCode: string;
  unitCode: string;
  unitName: string;
  planVersion: number;
  submittedBy: string | null;
  submittedAt: string | null;
  /** The reviewer's comment of an earlier return, if the submission was returned and resubmitted. */
  comment: string | null;
  version: number;
  /** Enterable elements of the plan version and how many hold a self value. */
  fields: number;
  filled: number;
  /** Values citing evidence. */
  evidence: number;
  /** How many values carry each flag. */
  flags: Record<PlausibilityFlag, number>;
}

/** Values read per query: keeps the unit list of an IN clause within both dialects' parameter limits. */
const CHUNK = 1000;

/**
 * 待审核: the submitted submissions of the scope's units, oldest submission first, each with its plausibility
 * flags counted against the previous period, so that a reviewer sees where to look before opening one.
 */
export async function reviewQueue(
  db: Kysely<Database>,
  scope: UnitScope,
  query: ReviewQueueQuery,
): Promise<{ items: ReviewQueueItem[]; total: number }> {
  const codes = await unitCodesInScope(db, scope);
  if (codes !== 'all' && codes.length === 0) return { items: [], total: 0 };
  let q = db
    .selectFrom('submission as s')
    .innerJoin('unit as u', (join) =>
      join.onRef('u.province_code', '=', 's.province_code').onRef('u.code', '=', 's.unit_code'),
    )
    .select([
      's.plan_code',
      's.period_code',
      's.unit_code',
      'u.name as unit_name',
      's.plan_version',
      's.submitted_by',
      's.submitted_at',
      's.comment',
      's.version',
    ])
    .where('s.province_code', '=', scope.province)
    .where('s.status', '=', 'submitted');
  if (codes !== 'all') q = q.where('s.unit_code', 'in', codes);
  if (query.planCode !== undefined) q = q.where('s.plan_code', '=', query.planCode);
  if (query.periodCode !== undefined) q = q.where('s.period_code', '=', query.periodCode);
  if (query.unitCode !== undefined) q = q.where('s.unit_code', '=', query.unitCode);
  const rows = await q
    .orderBy('s.submitted_at')
    .orderBy('s.plan_code')
    .orderBy('s.period_code')
    .orderBy('s.unit_code')
    .execute();

  // Flags need every row's values when filtering by them; otherwise only the page's.
  const candidates =
    query.flagged === undefined ? rows.slice(query.offset, query.offset + query.limit) : rows;
  const items: ReviewQueueItem[] = [];
  const groups = new Map<string, typeof rows>();
  for (const r of candidates) {
    const k = `${r.plan_code}\u0000${r.period_code}\u0000${r.plan_version}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const byKey = new Map<string, ReviewQueueItem>();
  for (const group of groups.values()) {
    const first = group[0]!;
    const { plan } = await publishedPlan(db, scope.province, first.plan_code, Number(first.plan_version));
    const units = group.map((r) => r.unit_code);
    const current = await selfValues(db, scope.province, first.plan_code, first.period_code, units);
    const parsed = parsePeriod(first.period_code);
    const prev =
      parsed === undefined
        ? new Map<string, Map<string, { value: number; evidence: boolean }>>()
        : await selfValues(db, scope.province, first.plan_code, previousPeriod(parsed).code, units);
    for (const r of group)
      byKey.set(
        `${r.plan_code}\u0000${r.period_code}\u0000${r.unit_code}`,
        itemOf(r, plan, current.get(r.unit_code), prev.get(r.unit_code)),
      );
  }
  for (const r of candidates) {
    const item = byKey.get(`${r.plan_code}\u0000${r.period_code}\u0000${r.unit_code}`);
    if (item === undefined) continue;
    const isFlagged = item.flags.below_min + item.flags.above_max + item.flags.jump > 0;
    if (query.flagged === undefined || query.flagged === isFlagged) items.push(item);
  }
  if (query.flagged === undefined) return { items, total: rows.length };
  return { items: items.slice(query.offset, query.offset + query.limit), total: items.length };
}

function itemOf(
  r: {
    plan_code: string;
    period_code: string;
    unit_code: string;
    unit_name: string;
    plan_version: number | string;
    submitted_by: string | null;
    submitted_at: string | null;
    comment: string | null;
    version: number | string;
  },
  plan: Plan,
  values: Map<string, { value: number; evidence: boolean }> | undefined,
  previous: Map<string, { value: number; evidence: boolean }> | undefined,
): ReviewQueueItem {
  const flags: Record<PlausibilityFlag, number> = { below_min: 0, above_max: 0, jump: 0 };
  let fields = 0;
  let filled = 0;
  let evidence = 0;
  for (const e of plan.elements) {
    if (e.formula !== undefined) continue;
    fields++;
    const v = values?.get(e.code);
    if (v === undefined) continue;
    filled++;
    if (v.evidence) evidence++;
    for (const f of plausibilityFlags(e, v.value, previous?.get(e.code)?.value)) flags[f]++;
  }
  return {
    planCode: r.plan_code,
    periodCode: r.period_code,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    planVersion: Number(r.plan_version),
    submittedBy: r.submitted_by,
    submittedAt: r.submitted_at,
    comment: r.comment,
    version: Number(r.version),
    fields,
    filled,
    evidence,
    flags,
  };
}

async function selfValues(
  db: Kysely<Database>,
  province: string,
  planCode: string,
  periodCode: string,
  units: readonly string[],
): Promise<Map<string, Map<string, { value: number; evidence: boolean }>>> {
  const out = new Map<string, Map<string, { value: number; evidence: boolean }>>();
  for (let i = 0; i < units.length; i += CHUNK) {
    const rows = await db
      .selectFrom('data_value')
      .select(['unit_code', 'element_code', 'value', 'evidence_hash'])
      .where('province_code', '=', province)
      .where('plan_code', '=', planCode)
      .where('period_code', '=', periodCode)
      .where('source', '=', 'self')
      .where('unit_code', 'in', units.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) {
      const m = out.get(r.unit_code) ?? new Map<string, { value: number; evidence: boolean }>();
      out.set(r.unit_code, m);
      m.set(r.element_code, { value: Number(r.value), evidence: r.evidence_hash !== null });
    }
  }
  return out;
}
