import { parsePeriod, previousPeriod, sameLastYear, type Unit, ValueTableBuilder } from '@xiaoneng/engine';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { ScoringInputs } from './scoring-inputs.js';
import { sourceIndex } from './scoring-inputs.js';

/**
 * The units of a province (disabled ones left out) and the approved values a plan's period is scored from:
 * the period itself plus the previous period and the same period last year, which formulas may read.
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

  const period = parsePeriod(periodCode);
  const periods =
    period === undefined
      ? [periodCode]
      : [...new Set([period.code, previousPeriod(period).code, sameLastYear(period).code])];
  const rows = await sql<{ u: string; e: string; p: string; s: 'self'; v: number }>`
    select v.unit_code as u, v.element_code as e, v.period_code as p, v.source as s, v.value as v
    from data_value v
    left join submission s
      on s.province_code = v.province_code and s.plan_code = v.plan_code
      and s.period_code = v.period_code and s.unit_code = v.unit_code
    where v.province_code = ${province} and v.plan_code = ${planCode}
      and v.period_code in (${sql.join(periods)})
      and (v.source <> 'self' or s.status = 'approved')`.execute(db);

  const b = new ValueTableBuilder(Math.max(1024, rows.rows.length));
  for (const u of units) b.unitId(u.code);
  for (const r of rows.rows) {
    if (!active.has(r.u)) continue;
    b.addIds(b.unitId(r.u), b.elementId(r.e), b.periodId(r.p), sourceIndex(r.s), Number(r.v));
  }
  return { units, values: b.build() };
}
