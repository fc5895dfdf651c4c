import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import { requireUnitInScope } from '../auth/row-scope.js';
import type { Database } from '../db/database.js';
import { problem } from '../http/app-error.js';
import { t } from '../localised.js';
import { acceptsSubmissions } from '../periods/period.js';
import { listPeriods } from '../periods/period-service.js';
import { listPlans, publishedPlan } from '../plans/plan-repository.js';
import { getUnit } from '../units/unit-repository.js';
import type { ProgressStatus } from './submission-progress.js';

/** One form a unit fills in: a published plan × a period of the plan's type. */
export interface EntryFormSummary {
  planCode: string;
  planName: string;
  periodCode: string;
  periodStatus: string;
  deadline: string | null;
  /** The period takes values now. */
  open: boolean;
  unitCode: string;
  unitName: string;
  status: ProgressStatus;
  comment: string | null;
  submittedAt: string | null;
  reviewedAt: string | null;
  version: number;
  /** Enterable elements of the plan version, and how many of them hold a self value. */
  fields: number;
  filled: number;
}

/**
 * 我的填报: the forms of one unit (the caller's own, or `unitCode` within the caller's scope), newest
 * period first: every period of each published plan's type that is open or already has a submission.
 */
export async function entryFormList(
  db: Kysely<Database>,
  principal: Principal,
  unitCode: string | undefined,
  at: string,
): Promise<EntryFormSummary[]> {
  const province = principal.province;
  const code = unitCode ?? principal.unitCode;
  if (code === null)
    throw problem('validation_failed', t('请指定单位', 'name a unit'), {
      errors: [{ path: 'querystring.unit', message: t('必须指定', 'is required') }],
    });
  await requireUnitInScope(db, principal, code);
  const unit = await getUnit(db, province, code);
  const periods = await listPeriods(db, province);
  if (periods.length === 0) return [];
  const subs = await db
    .selectFrom('submission')
    .selectAll()
    .where('province_code', '=', province)
    .where('unit_code', '=', code)
    .execute();
  const counts = await db
    .selectFrom('data_value')
    .select(['plan_code', 'period_code', 'element_code'])
    .where('province_code', '=', province)
    .where('unit_code', '=', code)
    .where('source', '=', 'self')
    .where(
      'period_code',
      'in',
      periods.map((p) => p.code),
    )
    .execute();
  const out: EntryFormSummary[] = [];
  for (const summary of await listPlans(db, province)) {
    if (summary.published === null) continue;
    const latest = await publishedPlan(db, province, summary.code);
    for (const period of periods) {
      if (period.type !== latest.plan.periodType) continue;
      const sub = subs.find((s) => s.plan_code === summary.code && s.period_code === period.code);
      const open = acceptsSubmissions(period, at);
      if (sub === undefined && !open) continue;
      const { plan } =
        sub === undefined
          ? latest
          : await publishedPlan(db, province, summary.code, Number(sub.plan_version));
      const enterable = new Set(plan.elements.filter((e) => e.formula === undefined).map((e) => e.code));
      const filled = counts.filter(
        (v) => v.plan_code === summary.code && v.period_code === period.code && enterable.has(v.element_code),
      ).length;
      out.push({
        planCode: summary.code,
        planName: summary.name,
        periodCode: period.code,
        periodStatus: period.status,
        deadline: period.deadline,
        open,
        unitCode: unit.code,
        unitName: unit.name,
        status: sub?.status ?? 'none',
        comment: sub?.comment ?? null,
        submittedAt: sub?.submitted_at ?? null,
        reviewedAt: sub?.reviewed_at ?? null,
        version: sub === undefined ? 0 : Number(sub.version),
        fields: enterable.size,
        filled,
      });
    }
  }
  return out.sort((a, b) =>
    a.periodCode !== b.periodCode ? (a.periodCode < b.periodCode ? 1 : -1) : a.planCode < b.planCode ? -1 : 1,
  );
}
