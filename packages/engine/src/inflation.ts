import { compileFormula } from './formula/compile.js';
import { parseFormulaOrThrow } from './formula/parser.js';
import { GRADES, type Grade, type Plan } from './plan.js';
import { prepare, type ScoreOptions } from './prepare.js';
import type { ResultSet } from './result.js';
import type { Unit } from './unit.js';
import { SOURCE_INDEX, type ValueTable } from './value-table.js';

/**
 * Inflation check (自评虚高): compares what units say about themselves with what independent sources found.
 * A case in the source documents: 96% of self-assessments "exceeded targets" while the audit found 32% of
 * funds idle. For every unit × indicator with both a self-reported and a verified value (inspection first,
 * then third party), the gap is (self − verified) / |verified|, signed so that a positive gap flatters the
 * unit (for lower-is-better indicators, a self-report below the verified value). A unit's inflation index is
 * the mean gap over its compared indicators.
 */
export interface InflationOptions {
  /** A unit whose index exceeds this is flagged; default 0.1 (10%). */
  unitThreshold?: number;
  /** Fewest compared indicators for a unit to be judged; default 2. */
  minComparisons?: number;
  /** A top grade holding more than this share of a class is implausible; default 0.5. */
  gradeShare?: number;
}

export interface UnitInflation {
  code: string;
  name: string;
  class: string;
  comparisons: number;
  /** Mean signed relative gap (positive = self-report flatters). */
  index: number;
  /** Indicators where the self-report flattered by more than the threshold. */
  inflatedIndicators: { code: string; self: number; verified: number; gap: number }[];
  flagged: boolean;
}

export interface InflationReport {
  period: string;
  units: UnitInflation[];
  flaggedUnits: number;
  /** Share of compared pairs where self-report flattered by more than the threshold. */
  inflatedShare: number;
  comparisons: number;
  /** Per indicator: pairs compared and the mean gap, to find indicators where self-reports run high. */
  indicators: { code: string; name: string; comparisons: number; meanGap: number }[];
  /** Grade shares that look implausible (e.g. 85% 优秀), from a result set when given. */
  gradeWarnings: { class: string; grade: Grade; share: number }[];
}

export function inflationCheck(
  plan: Plan,
  units: readonly Unit[],
  values: ValueTable,
  scoreOptions: ScoreOptions,
  options: InflationOptions = {},
  result?: ResultSet,
): InflationReport {
  const threshold = options.unitThreshold ?? 0.1;
  const minComparisons = options.minComparisons ?? 2;
  const prep = prepare(plan, units, values, scoreOptions);
  const n = prep.units.length;
  const count = new Int32Array(n);
  const gapSum = new Float64Array(n);
  const inflated: UnitInflation['inflatedIndicators'][] = Array.from({ length: n }, () => []);
  const indicators: InflationReport['indicators'] = [];
  let pairs = 0;
  let inflatedPairs = 0;
  const self = { kind: 'source', source: SOURCE_INDEX.self } as const;
  const verified = { kind: 'precedence', order: [SOURCE_INDEX.inspection, SOURCE_INDEX.thirdParty] } as const;

  prep.nodes.leaves.forEach((leaf) => {
    if (!leaf || !prep.raw.has(prep.nodes.index.get(leaf.code)!)) return;
    const f = compileFormula(parseFormulaOrThrow(leaf.formula));
    const s = f(prep.store.context(prep.period, self));
    const v = f(prep.store.context(prep.period, verified));
    let k = 0;
    let sum = 0;
    for (let u = 0; u < n; u++) {
      const a = s[u]!;
      const b = v[u]!;
      if (Number.isNaN(a) || Number.isNaN(b) || b === 0) continue;
      const gap = (leaf.direction === 'up' ? a - b : b - a) / Math.abs(b);
      count[u]!++;
      gapSum[u]! += gap;
      k++;
      sum += gap;
      if (gap > threshold) {
        inflated[u]!.push({ code: leaf.code, self: a, verified: b, gap });
        inflatedPairs++;
      }
    }
    pairs += k;
    if (k > 0) indicators.push({ code: leaf.code, name: leaf.name, comparisons: k, meanGap: sum / k });
  });

  const out: UnitInflation[] = prep.units.map((info, u) => {
    const index = count[u]! > 0 ? gapSum[u]! / count[u]! : 0;
    return {
      code: info.code,
      name: info.name,
      class: info.class,
      comparisons: count[u]!,
      index,
      inflatedIndicators: inflated[u]!,
      flagged: count[u]! >= minComparisons && index > threshold,
    };
  });

  const gradeWarnings: InflationReport['gradeWarnings'] = [];
  if (result) {
    const limit = options.gradeShare ?? 0.5;
    for (const c of result.classes) {
      if (c.size === 0) continue;
      const top = result.grade.filter(
        (_, u) => result.units[u]!.class === c.code && result.grade[u] === 0,
      ).length;
      if (top / c.size > limit) gradeWarnings.push({ class: c.code, grade: GRADES[0]!, share: top / c.size });
    }
  }

  return {
    period: prep.period.code,
    units: out,
    flaggedUnits: out.filter((u) => u.flagged).length,
    inflatedShare: pairs > 0 ? inflatedPairs / pairs : 0,
    comparisons: pairs,
    indicators,
    gradeWarnings,
  };
}
