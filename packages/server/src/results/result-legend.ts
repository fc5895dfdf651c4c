import type { Grade, Plan } from '@xiaoneng/engine';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { loadPlanDocument, type SnapshotHead } from './snapshot-store.js';

/** What a ranking table needs besides its rows: class and dimension names, class sizes, grade thresholds. */
export interface ResultLegend {
  planName: string;
  classes: { code: string; name: string; size: number }[];
  /** Top-level nodes of the plan's tree and of every class's own tree, in plan order, each once. */
  dimensions: { code: string; name: string }[];
  grades: { grade: Grade; min: number | null; label: string | null }[];
}

function legendOfPlan(plan: Plan): Omit<ResultLegend, 'classes'> & { classNames: Map<string, string> } {
  const dims = new Map<string, string>();
  for (const n of plan.tree) if (!dims.has(n.code)) dims.set(n.code, n.name);
  for (const c of plan.classes) for (const n of c.tree ?? []) if (!dims.has(n.code)) dims.set(n.code, n.name);
  return {
    planName: plan.name,
    classNames: new Map(plan.classes.map((c) => [c.code, c.name])),
    dimensions: [...dims].map(([code, name]) => ({ code, name })),
    grades: plan.grading.thresholds.map((th) => ({
      grade: th.grade,
      min: th.min ?? null,
      label: th.label ?? null,
    })),
  };
}

/** A snapshot never changes what it says, so its legend is worked out once per snapshot. */
const legends = new Map<string, ResultLegend>();
const MAX_LEGENDS = 256;

export async function resultLegend(db: Kysely<Database>, head: SnapshotHead): Promise<ResultLegend> {
  const key = `${head.province_code}\u0000${head.id}`;
  const hit = legends.get(key);
  if (hit !== undefined) return hit;
  const { plan } = await loadPlanDocument(db, head.province_code, head.plan_code, head.plan_version);
  const sizes = await db
    .selectFrom('result_unit')
    .select(['class_code', (eb) => eb.fn.countAll().as('n')])
    .where('province_code', '=', head.province_code)
    .where('snapshot_id', '=', head.id)
    .groupBy('class_code')
    .execute();
  const { classNames, ...rest } = legendOfPlan(plan);
  const size = new Map(sizes.map((s) => [s.class_code, Number(s.n)]));
  const legend: ResultLegend = {
    ...rest,
    // Plan order; a class without units in this snapshot is left out (nothing to rank).
    classes: plan.classes
      .filter((c) => size.has(c.code))
      .map((c) => ({ code: c.code, name: classNames.get(c.code) ?? c.code, size: size.get(c.code)! })),
  };
  if (legends.size >= MAX_LEGENDS) legends.delete(legends.keys().next().value!);
  legends.set(key, legend);
  return legend;
}
