import type { DataElement, Plan, Source } from '@xiaoneng/engine';
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
  const elements = elementsOf(plan);
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

// A published plan is frozen and kept (published-plan-versions.ts): its elements are indexed once, not
// on every save.
const indexed = new WeakMap<Plan, Map<string, DataElement>>();

function elementsOf(plan: Plan): Map<string, DataElement> {
  let elements = indexed.get(plan);
  if (elements === undefined) {
    elements = new Map(plan.elements.map((e) => [e.code, e]));
    indexed.set(plan, elements);
  }
  return elements;
}

/** Rows per upsert: 10 parameters each, well inside SQLite's and PostgreSQL's parameter limits. */
const UPSERT_ROWS = 500;

/**
 * Writes (or, for null, removes) the items of one source; bumps the version of every value it rewrites. One
 * multi-row upsert (and one delete for the removals) rather than a statement per value: a save is a few
 * round trips whatever its size. The items hold each element once (checkValueItems).
 */
export async function writeValues(
  db: Kysely<Database>,
  province: string,
  key: SubmissionKey,
  source: Source,
  items: readonly ValueItem[],
  enteredBy: string,
  at: string,
): Promise<void> {
  const removed = items.filter((item) => item.value === null).map((item) => item.element);
  if (removed.length > 0)
    await db
      .deleteFrom('data_value')
      .where('province_code', '=', province)
      .where('plan_code', '=', key.planCode)
      .where('period_code', '=', key.periodCode)
      .where('unit_code', '=', key.unitCode)
      .where('source', '=', source)
      .where('element_code', 'in', removed)
      .execute();
  const rows = items.flatMap((item) =>
    item.value === null
      ? []
      : [
          {
            province_code: province,
            plan_code: key.planCode,
            period_code: key.periodCode,
            unit_code: key.unitCode,
            element_code: item.element,
            source,
            value: item.value,
            evidence_hash: item.evidenceHash ?? null,
            entered_by: enteredBy,
            entered_at: at,
          },
        ],
  );
  for (let i = 0; i < rows.length; i += UPSERT_ROWS)
    await db
      .insertInto('data_value')
      .values(rows.slice(i, i + UPSERT_ROWS))
      .onConflict((oc) =>
        oc
          .columns(['province_code', 'plan_code', 'period_code', 'unit_code', 'element_code', 'source'])
          .doUpdateSet((eb) => ({
            value: eb.ref('excluded.value'),
            evidence_hash: eb.ref('excluded.evidence_hash'),
            entered_by: eb.ref('excluded.entered_by'),
            entered_at: eb.ref('excluded.entered_at'),
            version: sql`data_value.version + 1`,
          })),
      )
      .execute();
}

/** A value as the audit log records it. */
export interface AuditedValue {
  element: string;
  value: number;
  evidenceHash: string | null;
}

/** The order of values in the audit log: by element code, compared as the chain has always compared them. */
export function byElement(a: AuditedValue, b: AuditedValue): number {
  return a.element < b.element ? -1 : a.element > b.element ? 1 : 0;
}

/** One source's values of a submission as the audit log records them, by element code. */
export async function auditedValuesOf(
  db: Kysely<Database>,
  province: string,
  key: SubmissionKey,
  source: Source,
): Promise<AuditedValue[]> {
  const rows = await db
    .selectFrom('data_value')
    .select(['element_code', 'value', 'evidence_hash'])
    .where('province_code', '=', province)
    .where('plan_code', '=', key.planCode)
    .where('period_code', '=', key.periodCode)
    .where('unit_code', '=', key.unitCode)
    .where('source', '=', source)
    .execute();
  return rows
    .map((r) => ({ element: r.element_code, value: Number(r.value), evidenceHash: r.evidence_hash }))
    .sort(byElement);
}

/**
 * What `writeValues(items)` leaves of `before` (the same source's values): computed rather than read back,
 * one query less per save.
 */
export function valuesAfterWrite(
  before: readonly AuditedValue[],
  items: readonly ValueItem[],
): AuditedValue[] {
  const after = new Map(before.map((v) => [v.element, v]));
  for (const item of items)
    if (item.value === null) after.delete(item.element);
    else
      after.set(item.element, {
        element: item.element,
        value: item.value,
        evidenceHash: item.evidenceHash ?? null,
      });
  return [...after.values()].sort(byElement);
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
