import type { Plan } from '@xiaoneng/engine';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { dialectOf } from '../db/database.js';
import type { PlanVersionRow, PlanVersionUpdate } from '../db/tables/plan-version.table.js';
import { notFound, problem } from '../http/app-error.js';
import { t } from '../localised.js';
import { parseStoredPlan } from './plan-document.js';
import {
  PLAN,
  PLAN_VERSION_LABEL,
  type PlanVersionSummary,
  rowToSummary,
  versionId,
} from './plan-version.js';

export interface PlanSummary {
  code: string;
  name: string;
  createdAt: string;
  /** Highest published version number; null before the first publication. */
  published: number | null;
  /** The open draft's number, if any. */
  draft: number | null;
  version: number;
}

const SUMMARY_COLUMNS = [
  'province_code',
  'plan_code',
  'number',
  'status',
  'hash',
  'reason',
  'created_by',
  'created_at',
  'approved_by',
  'approved_at',
  'published_by',
  'published_at',
  'version',
] as const;

export async function listPlans(db: Kysely<Database>, province: string): Promise<PlanSummary[]> {
  const plans = await db
    .selectFrom('plan')
    .selectAll()
    .where('province_code', '=', province)
    .orderBy('code')
    .execute();
  const versions = await db
    .selectFrom('plan_version')
    .select(['plan_code', 'number', 'status'])
    .where('province_code', '=', province)
    .execute();
  return plans.map((p) => {
    const own = versions.filter((v) => v.plan_code === p.code);
    const published = own.filter((v) => v.status === 'published').map((v) => Number(v.number));
    const draft = own.find((v) => v.status === 'draft');
    return {
      code: p.code,
      name: p.name,
      createdAt: p.created_at,
      published: published.length === 0 ? null : Math.max(...published),
      draft: draft === undefined ? null : Number(draft.number),
      version: Number(p.version),
    };
  });
}

export async function getPlanSummary(
  db: Kysely<Database>,
  province: string,
  code: string,
): Promise<PlanSummary> {
  const found = (await listPlans(db, province)).find((p) => p.code === code);
  if (found === undefined) throw notFound(PLAN, code);
  return found;
}

/** Every version of a plan, oldest first, with reasons and who did what when. */
export async function listPlanVersions(
  db: Kysely<Database>,
  province: string,
  code: string,
): Promise<PlanVersionSummary[]> {
  const rows = await db
    .selectFrom('plan_version')
    .select([...SUMMARY_COLUMNS])
    .where('province_code', '=', province)
    .where('plan_code', '=', code)
    .orderBy('number')
    .execute();
  return rows.map(rowToSummary);
}

export async function getPlanVersionRow(
  db: Kysely<Database>,
  province: string,
  code: string,
  number: number,
  { forUpdate = false } = {},
): Promise<PlanVersionRow> {
  let q = db
    .selectFrom('plan_version')
    .selectAll()
    .where('province_code', '=', province)
    .where('plan_code', '=', code)
    .where('number', '=', number);
  if (forUpdate && dialectOf(db) === 'postgres') q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (row === undefined) throw notFound(PLAN_VERSION_LABEL, versionId(code, number));
  return row;
}

/**
 * Writes `changes` to a version read (and, on PostgreSQL, locked) in the same transaction at `before`,
 * bumping its optimistic-concurrency version, and returns the row as stored.
 */
export async function updatePlanVersionRow(
  trx: Kysely<Database>,
  before: PlanVersionRow,
  changes: Omit<PlanVersionUpdate, 'version'>,
): Promise<PlanVersionRow> {
  await trx
    .updateTable('plan_version')
    .set({ ...changes, version: Number(before.version) + 1 })
    .where('province_code', '=', before.province_code)
    .where('plan_code', '=', before.plan_code)
    .where('number', '=', before.number)
    .where('version', '=', before.version)
    .execute();
  return getPlanVersionRow(trx, before.province_code, before.plan_code, before.number);
}

/**
 * Parsed published plans by the SHA-256 of their text: a published version never changes, so a hash names
 * one plan for good and the document need not be read and parsed on every value write.
 */
const parsedPlans = new Map<string, Plan>();
const PARSED_PLANS_MAX = 64;

/** A published version's plan: the given number, or the latest published one. */
export async function publishedPlan(
  db: Kysely<Database>,
  province: string,
  code: string,
  number?: number,
): Promise<{ number: number; plan: Plan }> {
  let q = db
    .selectFrom('plan_version')
    .select(['number', 'hash'])
    .where('province_code', '=', province)
    .where('plan_code', '=', code)
    .where('status', '=', 'published');
  q = number === undefined ? q.orderBy('number', 'desc').limit(1) : q.where('number', '=', number);
  const row = await q.executeTakeFirst();
  if (row === undefined)
    throw problem(
      'plan_not_published',
      number === undefined
        ? t(`方案“${code}”尚无已发布的版本`, `plan "${code}" has no published version`)
        : t(
            `方案“${code}”第 ${number} 版不存在或未发布`,
            `plan "${code}" version ${number} does not exist or is not published`,
          ),
    );
  const found = Number(row.number);
  const cached = parsedPlans.get(row.hash);
  if (cached !== undefined) return { number: found, plan: cached };
  const doc = await db
    .selectFrom('plan_version')
    .select('document')
    .where('province_code', '=', province)
    .where('plan_code', '=', code)
    .where('number', '=', found)
    .executeTakeFirstOrThrow();
  const plan = parseStoredPlan(doc.document);
  if (parsedPlans.size >= PARSED_PLANS_MAX) parsedPlans.delete(parsedPlans.keys().next().value as string);
  parsedPlans.set(row.hash, plan);
  return { number: found, plan };
}
