import type { Plan, Source } from '@xiaoneng/engine';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.js';
import { type ProblemIssue, problem } from '../http/app-error.js';
import { t } from '../localised.js';
import type { SubmissionKey } from './submission.js';

/** One value a writer sends: null removes the value. */
export interface ValueItem {
  element: string;
  value: number | null;
  /** SHA-256 of an uploaded evidence file (佐证材料) supporting the value. */
  evidenceHash?: string | null;
  /** For sources other than self: the version of the value read; 0 or absent for a new value. */
  version?: number;
}

/**
 * Every problem with the items at once: unknown elements, computed elements (derived by formula, never
 * entered), repeats, evidence that was never uploaded. Values outside an element's range are accepted (and
 * flagged for the reviewer).
 */
export async function checkValueItems(
  db: Kysely<Database>,
  province: string,
  plan: Plan,
  items: readonly ValueItem[],
  pathPrefix: string,
): Promise<void> {
  const elements = new Map(plan.elements.map((e) => [e.code, e]));
  const issues: ProblemIssue[] = [];
  const seen = new Set<string>();
  const hashes = new Set<string>();
  items.forEach((item, i) => {
    const at = `${pathPrefix}[${i}]`;
    const el = elements.get(item.element);
    if (el === undefined)
      issues.push({
        path: `${at}.element`,
        message: t(`方案中没有数据元“${item.element}”`, `the plan has no data element "${item.element}"`),
      });
    else if (el.formula !== undefined)
      issues.push({
        path: `${at}.element`,
        message: t(
          `“${item.element}”是计算数据元，由公式得出，不能填报`,
          `"${item.element}" is computed by a formula and cannot be entered`,
        ),
      });
    if (seen.has(item.element))
      issues.push({ path: `${at}.element`, message: t('重复出现', 'appears more than once') });
    seen.add(item.element);
    if (item.evidenceHash !== undefined && item.evidenceHash !== null) hashes.add(item.evidenceHash);
  });
  if (hashes.size > 0) {
    const found = new Set(
      (
        await db
          .selectFrom('evidence')
          .select('hash')
          .where('province_code', '=', province)
          .where('hash', 'in', [...hashes])
          .execute()
      ).map((r) => r.hash),
    );
    items.forEach((item, i) => {
      if (item.evidenceHash != null && !found.has(item.evidenceHash))
        issues.push({
          path: `${pathPrefix}[${i}].evidenceHash`,
          message: t('没有这一佐证材料：请先上传', 'no such evidence: upload it first'),
        });
    });
  }
  if (issues.length > 0)
    throw problem(
      'element_unknown',
      t(`有 ${issues.length} 项数据无法填报`, `${issues.length} value(s) cannot be entered`),
      { errors: issues },
    );
}

/** Writes (or, for null, removes) the items of one source; bumps the version of every value it rewrites. */
export async function writeValues(
  db: Kysely<Database>,
  province: string,
  key: SubmissionKey,
  source: Source,
  items: readonly ValueItem[],
  enteredBy: string,
  at: string,
): Promise<void> {
  for (const item of items) {
    const where = db
      .deleteFrom('data_value')
      .where('province_code', '=', province)
      .where('plan_code', '=', key.planCode)
      .where('period_code', '=', key.periodCode)
      .where('unit_code', '=', key.unitCode)
      .where('element_code', '=', item.element)
      .where('source', '=', source);
    const value = item.value;
    if (value === null) {
      await where.execute();
      continue;
    }
    await db
      .insertInto('data_value')
      .values({
        province_code: province,
        plan_code: key.planCode,
        period_code: key.periodCode,
        unit_code: key.unitCode,
        element_code: item.element,
        source,
        value,
        evidence_hash: item.evidenceHash ?? null,
        entered_by: enteredBy,
        entered_at: at,
      })
      .onConflict((oc) =>
        oc
          .columns(['province_code', 'plan_code', 'period_code', 'unit_code', 'element_code', 'source'])
          .doUpdateSet({
            value,
            evidence_hash: item.evidenceHash ?? null,
            entered_by: enteredBy,
            entered_at: at,
            version: sql`data_value.version + 1`,
          }),
      )
      .execute();
  }
}

export interface StoredValue {
  element: string;
  source: Source;
  value: number;
  evidenceHash: string | null;
  enteredBy: string;
  enteredAt: string;
  version: number;
}

export async function valuesOf(
  db: Kysely<Database>,
  province: string,
  key: SubmissionKey,
  source?: Source,
): Promise<StoredValue[]> {
  let q = db
    .selectFrom('data_value')
    .selectAll()
    .where('province_code', '=', province)
    .where('plan_code', '=', key.planCode)
    .where('period_code', '=', key.periodCode)
    .where('unit_code', '=', key.unitCode);
  if (source !== undefined) q = q.where('source', '=', source);
  const rows = await q.orderBy('element_code').orderBy('source').execute();
  return rows.map((r) => ({
    element: r.element_code,
    source: r.source,
    value: Number(r.value),
    evidenceHash: r.evidence_hash,
    enteredBy: r.entered_by,
    enteredAt: r.entered_at,
    version: Number(r.version),
  }));
}
