import {
  type Plan,
  parsePeriod,
  previousPeriod,
  SOURCE_INDEX,
  SOURCES,
  sameLastYear,
  type Unit,
  ValueTableBuilder,
} from '@xiaoneng/engine';
import { type Kysely, sql } from 'kysely';
import { type Database, ROWS_AS_ARRAYS, rowsAsArrays } from '../db/database.js';
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
/** Units per read of their values: about 30,000 values a read on a province plan. */
const UNITS_PER_READ = 1000;

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
  const approvedUnits = new Map<string, Set<string>>();
  for (const r of approved) {
    const set = approvedUnits.get(r.period_code) ?? new Set<string>();
    set.add(r.unit_code);
    approvedUnits.set(r.period_code, set);
  }
  const year = period === undefined ? periodCode.slice(0, 4) : String(period.year);
  const inYear = periods.filter((p) => p.slice(0, 4) === year);
  const earlier = periods.filter((p) => p.slice(0, 4) !== year);
  const shifted = [...shiftedElements(plan)];
  const reads = [
    ...inYear.map((p) => ({ period: p, elements: undefined as string[] | undefined })),
    ...(shifted.length > 0 ? earlier.map((p) => ({ period: p, elements: shifted })) : []),
  ];
  // The source as its index (SOURCE_INDEX), computed by the database: one string fewer per row.
  const sourceIndex = sql.join(
    SOURCES.map((s, i) => sql`when ${s} then ${sql.lit(i)}`),
    sql` `,
  );

  const b = new ValueTableBuilder(1 << 16);
  for (const u of units) b.unitId(u.code);
  const self = SOURCE_INDEX.self;
  // The values are read a period and a range of units at a time, as arrays rather than an object per row
  // (SQLite): a province has hundreds of thousands of them, and rows dropped soon cost the garbage
  // collector little, while a whole province held at once is copied from generation to generation. Each
  // read is one range scan of the primary key (province, plan, period, unit, …), so its rows come grouped
  // by unit and the unit's lookups are redone only when it changes.
  for (let from = 0; from < units.length; from += UNITS_PER_READ) {
    const first = units[from]!.code;
    const last = units[Math.min(from + UNITS_PER_READ, units.length) - 1]!.code;
    for (const read of reads) {
      const periodId = b.periodId(read.period);
      const approvedHere = approvedUnits.get(read.period);
      const result = await sql<unknown>`${sql.raw(ROWS_AS_ARRAYS)}
        select unit_code as u, element_code as e, case source ${sourceIndex} end as s, value as v
        from data_value
        where province_code = ${province} and plan_code = ${planCode} and period_code = ${read.period}
        and unit_code >= ${first} and unit_code <= ${last}
        ${read.elements === undefined ? sql`` : sql`and element_code in (${sql.join(read.elements)})`}`.execute(
        db,
      );
      let unit: unknown;
      let unitId = -1;
      let selfApproved = false;
      for (const [u, e, s, v] of rowsAsArrays(result.rows, ['u', 'e', 's', 'v'])) {
        if (u !== unit) {
          unit = u;
          unitId = active.has(u as string) ? b.unitId(u as string) : -1;
          selfApproved = approvedHere?.has(u as string) ?? false;
        }
        const source = Number(s);
        if (unitId < 0 || (source === self && !selfApproved)) continue;
        b.addIds(unitId, b.elementId(e as string), periodId, source, Number(v));
      }
    }
  }
  return { units, values: b.build() };
}
