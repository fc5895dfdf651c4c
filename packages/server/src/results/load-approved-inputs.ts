import {
  type Plan,
  parsePeriod,
  previousPeriod,
  SOURCE_INDEX,
  type Source,
  sameLastYear,
  type Unit,
  ValueTableBuilder,
} from '@xiaoneng/engine';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { ScoringInputs } from './scoring-inputs.js';
import { shiftedElements } from './shifted-elements.js';

/**
 * The units of a province (disabled ones left out) and the approved values a plan's period is scored from:
 * the period itself, the previous period and the same period last year (formulas may read them), and the
 * shorter periods inside them (roll-ups). From years before the scored one only the elements the plan reads
 * shifted are read.
 *
 * Approved means: a self-reported value counts once its unit's submission (填报) for that plan and period
 * is approved; third-party, inspection and survey values are entered by their own roles, who are the
 * authority for them, and count as entered.
 */
export async function loadApprovedInputs(
  db: Kysely<Database>,
  province: string,
  planCode: string,
  periodCode: string,
  plan: Plan,
): Promise<ScoringInputs> {
  const unitRows = await db
    .selectFrom('unit')
    .select(['code', 'name', 'class_code', 'parent_code', 'elasticity'])
    .where('province_code', '=', province)
    .where('disabled', '=', 0)
    .orderBy('code')
    .execute();
  const units = unitRows.map((r): Unit => {
    const u: Unit = { code: r.code, name: r.name, class: r.class_code };
    if (r.parent_code !== null) u.parent = r.parent_code;
    if (r.elasticity !== null) u.elasticity = r.elasticity;
    return u;
  });
  const active = new Set(units.map((u) => u.code));

  // The scored period, the previous one and the same one last year, with every shorter period inside them
  // (monthly values roll up into a quarter or a year): all periods of the years they fall in. A superset,
  // so that no roll-up is missed; the engine reads what it needs.
  const period = parsePeriod(periodCode);
  const years = new Set(
    period === undefined
      ? [periodCode.slice(0, 4)]
      : [period, previousPeriod(period), sameLastYear(period)].map((p) => String(p.year)),
  );
  const known = await db.selectFrom('period').select('code').where('province_code', '=', province).execute();
  const periods = known.map((p) => p.code).filter((code) => years.has(code.slice(0, 4)));
  if (!periods.includes(periodCode)) periods.push(periodCode);

  // Two plain reads rather than a join: probing the submission index once per value costs more than the
  // whole scan on a province (a million values).
  const approved = await db
    .selectFrom('submission')
    .select(['unit_code', 'period_code'])
    .where('province_code', '=', province)
    .where('plan_code', '=', planCode)
    .where('period_code', 'in', periods)
    .where('status', '=', 'approved')
    .execute();
  const approvedKeys = new Set(approved.map((r) => `${r.period_code}\u0000${r.unit_code}`));
  const year = period === undefined ? periodCode.slice(0, 4) : String(period.year);
  const inYear = periods.filter((p) => p.slice(0, 4) === year);
  const earlier = periods.filter((p) => p.slice(0, 4) !== year);
  const select = (ps: string[], elements?: string[]) =>
    sql<{ u: string; e: string; p: string; s: Source; v: number }>`
      select unit_code as u, element_code as e, period_code as p, source as s, value as v
      from data_value
      where province_code = ${province} and plan_code = ${planCode} and period_code in (${sql.join(ps)})
      ${elements === undefined ? sql`` : sql`and element_code in (${sql.join(elements)})`}`.execute(db);
  const shifted = [...shiftedElements(plan)];
  const rows = [
    ...(await select(inYear)).rows,
    ...(earlier.length > 0 && shifted.length > 0 ? (await select(earlier, shifted)).rows : []),
  ];

  const b = new ValueTableBuilder(Math.max(1024, rows.length));
  for (const u of units) b.unitId(u.code);
  const self = SOURCE_INDEX.self;
  for (const r of rows) {
    if (!active.has(r.u)) continue;
    const source = SOURCE_INDEX[r.s];
    if (source === self && !approvedKeys.has(`${r.p}\u0000${r.u}`)) continue;
    b.addIds(b.unitId(r.u), b.elementId(r.e), b.periodId(r.p), source, Number(r.v));
  }
  return { units, values: b.build() };
}
