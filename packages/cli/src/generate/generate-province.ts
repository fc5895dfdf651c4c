import type { Plan, Unit, ValueTable } from '@xiaoneng/engine';
import { type GenerateOptions, type ResolvedOptions, resolveGenerateOptions } from './generate-options.js';
import { buildPlan } from './plan-builder.js';
import { Prng, streamSeed } from './prng.js';
import { buildHierarchy, type UnitRow } from './unit-hierarchy.js';
import { generateValues, type ValueStats } from './value-generator.js';

/** A synthetic province: plan, units and values, ready to score or to write out. */
export interface GeneratedProvince {
  options: ResolvedOptions;
  /** The assessing province (考核主体); not itself an assessed unit. */
  province: { code: string; name: string };
  plan: Plan;
  /** The assessed units as the engine takes them. */
  units: Unit[];
  /** The same units as units.csv lists them (with level, parent '' at the top). */
  unitRows: UnitRow[];
  /** Assessed periods, oldest first (the year before the first also has values for year-on-year formulas). */
  periods: string[];
  /** Every value in long format, column-wise (see ValueTable). */
  values: ValueTable;
  stats: ValueStats & { leaves: number };
}

/** Folds any safe integer into the 32 bits the generator runs on, keeping the high bits' influence. */
function seed32(seed: number): number {
  const hi = Math.floor(seed / 4294967296);
  return (seed ^ Math.imul(hi | 0, 0x9e3779b1)) >>> 0;
}

/**
 * Generates a province deterministically from the options: the same options give the same plan, units and
 * values, value for value. Throws GenerateOptionsError (zh-CN and en messages) for options out of range.
 */
export function generateProvince(options: GenerateOptions): GeneratedProvince {
  const opts = resolveGenerateOptions(options);
  const seed = seed32(opts.seed);
  const built = buildPlan({
    indicators: opts.indicators,
    year: opts.lastYear,
    provinceName: opts.provinceName,
  });
  const hierarchy = buildHierarchy(new Prng(streamSeed(seed, 1)), opts.units, opts.provinceCode);
  const years = Array.from({ length: opts.periods }, (_, i) => opts.lastYear - opts.periods + 1 + i);
  const { values, stats } = generateValues(built, hierarchy, { years, seed: streamSeed(seed, 2) });
  const units = hierarchy.rows.map((r): Unit => {
    const u: Unit = { code: r.code, name: r.name, class: r.class, elasticity: r.elasticity };
    if (r.parent !== '') u.parent = r.parent;
    return u;
  });
  return {
    options: opts,
    province: { code: `${opts.provinceCode}0000`, name: opts.provinceName },
    plan: built.plan,
    units,
    unitRows: hierarchy.rows,
    periods: years.map(String),
    values,
    stats: { ...stats, leaves: built.leaves.length },
  };
}
