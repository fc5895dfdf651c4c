import { EngineError, GRADES, type Plan, type ResultSet, score } from '@xiaoneng/engine';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { type ProblemIssue, problem } from '../http/app-error.js';
import { t } from '../localised.js';
import { getPeriod } from '../periods/period-service.js';
import { loadApprovedInputs } from '../results/load-approved-inputs.js';
import type { ScoringInputs } from '../results/scoring-inputs.js';
import { shiftedElements } from '../results/shifted-elements.js';
import { prepareDocument } from './plan-document.js';
import { getPlanVersionRow, publishedPlan } from './plan-repository.js';

/** How many units the top and bottom lists of a class hold. */
export const PREVIEW_LIST = 10;

export interface PreviewUnit {
  code: string;
  name: string;
  total: number;
  rank: number;
  grade: string;
}

/** Per unit of a class, column by column: a province has 27,000 units and rows of objects repeat keys. */
export interface PreviewColumns {
  code: string[];
  name: string[];
  total: number[];
  rank: number[];
  grade: string[];
  /** The published version's total and rank on the same values; null when it has none for the unit. */
  publishedTotal: (number | null)[];
  publishedRank: (number | null)[];
}

export interface PreviewClass {
  code: string;
  name: string;
  units: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  grades: Record<string, number>;
  top: PreviewUnit[];
  bottom: PreviewUnit[];
  columns: PreviewColumns;
}

export interface PlanPreview {
  planCode: string;
  planVersion: number;
  period: string;
  /** The published version compared with (its scores on the same values), or null when there is none. */
  comparedWith: number | null;
  values: number;
  classes: PreviewClass[];
  warnings: ProblemIssue[];
}

/** Totals in a preview: four decimals are more than a person compares, and keep the answer short. */
function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/**
 * Scores a plan version's document (or the given one) on a period's approved values — the latest period of
 * the plan's type that has approved submissions, unless one is named — and summarises the result per
 * class, beside the latest published version's result on the same values. Reads only: nothing is stored,
 * no audit entry is written, since nothing changes.
 */
export async function previewPlan(
  db: Kysely<Database>,
  province: string,
  code: string,
  number: number,
  request: { document?: unknown; period?: string },
): Promise<PlanPreview> {
  const row = await getPlanVersionRow(db, province, code, number);
  let plan: Plan;
  let warnings: ProblemIssue[] = [];
  if (request.document === undefined) plan = JSON.parse(row.document) as Plan;
  else {
    const stored = prepareDocument(request.document, code, number);
    plan = JSON.parse(stored.text) as Plan;
    warnings = stored.warnings;
  }
  const period = request.period ?? (await latestPeriod(db, province, code, plan));
  const periodRow = await getPeriod(db, province, period);
  if (periodRow.type !== plan.periodType)
    throw problem(
      'validation_failed',
      t(
        `周期 ${period} 的类型与方案的考核周期类型（${plan.periodType}）不符`,
        `period ${period} is not of the plan's period type (${plan.periodType})`,
      ),
      { errors: [{ path: 'body.period', message: t('周期类型不符', 'wrong period type') }] },
    );

  const inputs = await loadApprovedInputs(db, province, code, period, plan);
  const draft = scoreOrProblem(plan, inputs, period);

  const published = await publishedOrNull(db, province, code);
  let compared: ResultSet | undefined;
  if (published !== undefined && published.plan.periodType === plan.periodType) {
    // The draft's inputs serve the published plan too unless it reads earlier years' values of elements
    // the draft does not.
    const need = shiftedElements(published.plan);
    const have = shiftedElements(plan);
    const same = [...need].every((e) => have.has(e));
    const pubInputs = same ? inputs : await loadApprovedInputs(db, province, code, period, published.plan);
    try {
      compared = score(published.plan, pubInputs.units, pubInputs.values, { period });
    } catch (e) {
      // A published plan that no longer scores (units changed class, say) leaves the preview uncompared.
      if (!(e instanceof EngineError)) throw e;
    }
  }

  return {
    planCode: code,
    planVersion: number,
    period,
    comparedWith: compared === undefined ? null : (published?.number ?? null),
    values: inputs.values.length,
    classes: summarise(draft, compared),
    warnings,
  };
}

async function publishedOrNull(
  db: Kysely<Database>,
  province: string,
  code: string,
): Promise<{ number: number; plan: Plan } | undefined> {
  try {
    return await publishedPlan(db, province, code);
  } catch (e) {
    if ((e as { code?: string }).code === 'plan_not_published') return undefined;
    throw e;
  }
}

/** The latest period of the plan's type with approved submissions of the plan; else the latest of the type. */
async function latestPeriod(
  db: Kysely<Database>,
  province: string,
  code: string,
  plan: Plan,
): Promise<string> {
  const periods = await db
    .selectFrom('period')
    .select('code')
    .where('province_code', '=', province)
    .where('type', '=', plan.periodType)
    .execute();
  // Within one type, codes sort in time order (2026M03 < 2026M11, 2025Q4 < 2026Q1).
  const codes = periods.map((p) => p.code).sort();
  if (codes.length === 0)
    throw problem(
      'preview_no_data',
      t(
        `尚未设立“${plan.periodType}”类型的考核周期，无法预览`,
        `no period of type "${plan.periodType}" exists to preview on`,
      ),
    );
  const approved = await db
    .selectFrom('submission')
    .select('period_code')
    .distinct()
    .where('province_code', '=', province)
    .where('plan_code', '=', code)
    .where('status', '=', 'approved')
    .where('period_code', 'in', codes)
    .execute();
  const withData = new Set(approved.map((r) => r.period_code));
  return [...codes].reverse().find((c) => withData.has(c)) ?? codes[codes.length - 1]!;
}

function scoreOrProblem(plan: Plan, inputs: ScoringInputs, period: string): ResultSet {
  try {
    return score(plan, inputs.units, inputs.values, { period });
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    throw problem(
      'scoring_failed',
      t(
        `预览评分未能完成：${e.issues.length} 个问题（见 errors）`,
        `the preview could not be scored: ${e.issues.length} problem(s) (see errors)`,
      ),
      { errors: e.issues.slice(0, 100).map((i) => ({ path: i.path.join('.'), message: i.message })) },
    );
  }
}

function summarise(rs: ResultSet, compared: ResultSet | undefined): PreviewClass[] {
  const before = new Map<string, number>(compared?.units.map((u, i) => [u.code, i]) ?? []);
  return rs.classes.map((c) => {
    const members: number[] = [];
    rs.units.forEach((u, i) => {
      if (u.class === c.code) members.push(i);
    });
    // Rank order, ties by code, as the rankings list them.
    members.sort((a, b) => rs.rank[a]! - rs.rank[b]! || (rs.units[a]!.code < rs.units[b]!.code ? -1 : 1));
    const unit = (i: number): PreviewUnit => ({
      code: rs.units[i]!.code,
      name: rs.units[i]!.name,
      total: round4(rs.total[i]!),
      rank: rs.rank[i]!,
      grade: GRADES[rs.grade[i]!]!,
    });
    const grades: Record<string, number> = {};
    for (const th of rs.plan.grading.thresholds) grades[th.grade] = 0;
    let sum = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    const columns: PreviewColumns = {
      code: [],
      name: [],
      total: [],
      rank: [],
      grade: [],
      publishedTotal: [],
      publishedRank: [],
    };
    for (const i of members) {
      const total = rs.total[i]!;
      const grade = GRADES[rs.grade[i]!]!;
      sum += total;
      min = Math.min(min, total);
      max = Math.max(max, total);
      grades[grade] = (grades[grade] ?? 0) + 1;
      const u = rs.units[i]!;
      columns.code.push(u.code);
      columns.name.push(u.name);
      columns.total.push(round4(total));
      columns.rank.push(rs.rank[i]!);
      columns.grade.push(grade);
      const j = before.get(u.code);
      // Only a unit the published version ranked in the same class compares: ranks of two classes do not.
      const comparable = compared !== undefined && j !== undefined && compared.units[j]!.class === u.class;
      columns.publishedTotal.push(comparable ? round4(compared.total[j]!) : null);
      columns.publishedRank.push(comparable ? compared.rank[j]! : null);
    }
    const n = members.length;
    return {
      code: c.code,
      name: c.name,
      units: n,
      mean: n === 0 ? null : round4(sum / n),
      min: n === 0 ? null : round4(min),
      max: n === 0 ? null : round4(max),
      grades,
      top: members.slice(0, PREVIEW_LIST).map(unit),
      bottom: members
        .slice(Math.max(0, n - PREVIEW_LIST))
        .reverse()
        .map(unit),
      columns,
    };
  });
}
