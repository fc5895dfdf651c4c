import { type DataElement, parsePeriod, previousPeriod } from '@xiaoneng/engine';
import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import { requireUnitInScope, type UnitScope, unitCodesInScope } from '../auth/row-scope.js';
import type { Database } from '../db/database.js';
import { dialectOf } from '../db/database.js';
import type { SubmissionStatus } from '../db/tables/submission.table.js';
import { problem } from '../http/app-error.js';
import { t } from '../localised.js';
import { getPeriod } from '../periods/period-service.js';
import { getPlanSummary, publishedPlan } from '../plans/plan-repository.js';
import { getUnit } from '../units/unit-repository.js';
import { changeRatio, type PlausibilityFlag, plausibilityFlags } from './plausibility-flags.js';
import { rowToSubmission, type Submission, type SubmissionKey } from './submission.js';
import { type StoredValue, valuesOf } from './value-items.js';

export async function findSubmission(
  db: Kysely<Database>,
  province: string,
  key: SubmissionKey,
  { forUpdate = false } = {},
): Promise<Submission | undefined> {
  let q = db
    .selectFrom('submission')
    .selectAll()
    .where('province_code', '=', province)
    .where('plan_code', '=', key.planCode)
    .where('period_code', '=', key.periodCode)
    .where('unit_code', '=', key.unitCode);
  if (forUpdate && dialectOf(db) === 'postgres') q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row === undefined ? undefined : rowToSubmission(row);
}

export interface SubmissionListQuery {
  planCode?: string;
  periodCode?: string;
  unitCode?: string;
  status?: SubmissionStatus;
  limit: number;
  offset: number;
}

/** Submissions of the scope's units, by plan, period and unit. */
export async function listSubmissions(
  db: Kysely<Database>,
  scope: UnitScope,
  query: SubmissionListQuery,
): Promise<{ items: Submission[]; total: number }> {
  const codes = await unitCodesInScope(db, scope);
  if (codes !== 'all' && codes.length === 0) return { items: [], total: 0 };
  let q = db.selectFrom('submission').where('province_code', '=', scope.province);
  if (codes !== 'all') q = q.where('unit_code', 'in', codes);
  if (query.planCode !== undefined) q = q.where('plan_code', '=', query.planCode);
  if (query.periodCode !== undefined) q = q.where('period_code', '=', query.periodCode);
  if (query.unitCode !== undefined) q = q.where('unit_code', '=', query.unitCode);
  if (query.status !== undefined) q = q.where('status', '=', query.status);
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy('plan_code')
      .orderBy('period_code')
      .orderBy('unit_code')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(rowToSubmission), total: Number(count.n) };
}

/** One reported element as a reviewer sees it: this period, the previous one, the change and its flags. */
export interface ReviewLine {
  element: string;
  name: string;
  unit: string | null;
  value: number | null;
  previous: number | null;
  change: number | null;
  changeRatio: number | null;
  flags: PlausibilityFlag[];
}

export interface SubmissionDetail {
  key: SubmissionKey;
  submission: Submission | null;
  /** The plan version the values are (or will be) entered against. */
  planVersion: number;
  previousPeriod: string | null;
  /** Every source's values. */
  values: StoredValue[];
  /** The self-reported values against the previous period's, element by element (computed ones left out). */
  review: ReviewLine[];
}

/** A unit's submission with all its values and the review lines; scope-checked. */
export async function submissionDetail(
  db: Kysely<Database>,
  principal: Principal,
  key: SubmissionKey,
): Promise<SubmissionDetail> {
  const province = principal.province;
  await requireUnitInScope(db, principal, key.unitCode);
  await getUnit(db, province, key.unitCode);
  await getPeriod(db, province, key.periodCode);
  await getPlanSummary(db, province, key.planCode);
  const submission = (await findSubmission(db, province, key)) ?? null;
  const { number, plan } = await publishedPlan(db, province, key.planCode, submission?.planVersion);
  const values = await valuesOf(db, province, key);
  const parsed = parsePeriod(key.periodCode);
  const prevCode = parsed === undefined ? null : previousPeriod(parsed).code;
  const previous =
    prevCode === null ? [] : await valuesOf(db, province, { ...key, periodCode: prevCode }, 'self');
  const self = new Map(values.filter((v) => v.source === 'self').map((v) => [v.element, v.value]));
  const before = new Map(previous.map((v) => [v.element, v.value]));
  const review = plan.elements
    .filter((e) => e.formula === undefined)
    .map((e) => reviewLine(e, self.get(e.code), before.get(e.code)));
  return { key, submission, planVersion: number, previousPeriod: prevCode, values, review };
}

function reviewLine(e: DataElement, value: number | undefined, previous: number | undefined): ReviewLine {
  return {
    element: e.code,
    name: e.name,
    unit: e.unit ?? null,
    value: value ?? null,
    previous: previous ?? null,
    change: value === undefined || previous === undefined ? null : value - previous,
    changeRatio: value === undefined ? null : changeRatio(value, previous),
    flags: value === undefined ? [] : plausibilityFlags(e, value, previous),
  };
}

export function stateProblem(submission: Submission, action: { zh: string; en: string }) {
  return problem(
    'submission_state',
    t(
      `填报状态为“${submission.status}”，不能${action.zh}`,
      `the submission is "${submission.status}" and cannot be ${action.en}`,
    ),
  );
}
