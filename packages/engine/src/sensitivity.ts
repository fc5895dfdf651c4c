import { adjustments, vetoes } from './adjustments.js';
import { aggregate, type LeafColumns } from './aggregate.js';
import { applyQuotas, gradeByThreshold, gradeIndex } from './grade.js';
import { leafPolicy, scoreClassLeaf } from './leaf-scores.js';
import type { MethodType, MissingPolicy, Plan, ScoringMethod } from './plan.js';
import { type Prepared, prepare, type ScoreOptions } from './prepare.js';
import { drawRandom } from './random.js';
import { competitionRank, totalKey } from './rank.js';
import type { Unit } from './unit.js';
import type { ValueTable } from './value-table.js';

/**
 * Sensitivity (uncertainty) analysis: how far would each unit's rank move if the plan's debatable choices
 * had been made otherwise? Each seeded draw perturbs every weight (uniform ±noise, siblings re-normalised),
 * picks one normalisation for the class-relative indicators and one missing-value policy for all, and
 * re-scores. Reported per unit: median rank, 5–95% rank interval, and how often the grade stayed the same.
 */
export interface SensitivityOptions {
  draws: number;
  seed: number;
  /** Relative weight noise, e.g. 0.2 draws each weight from w·[0.8, 1.2]; default 0.2. */
  weightNoise?: number;
  /** Try other normalisations for indicators scored against the class (minmax, zscore, rank, frontier). */
  methods?: boolean;
  /** Try other missing-value policies. */
  missing?: boolean;
  /** A grade that holds in fewer than this share of draws is unstable; default 0.9. */
  stableShare?: number;
}

export interface UnitSensitivity {
  code: string;
  name: string;
  class: string;
  /** Rank under the plan as designed. */
  rank: number;
  median: number;
  p05: number;
  p95: number;
  /** Share of draws in which the unit kept the grade the plan as designed gives it. */
  gradeStability: number;
  unstable: boolean;
}

export interface SensitivityResult {
  draws: number;
  seed: number;
  weightNoise: number;
  /** Alternatives drawn from; 'plan' is the plan's own choice. */
  methodVariants: string[];
  missingVariants: string[];
  units: UnitSensitivity[];
  unstableCount: number;
}

/** Everything a worker thread needs to run draws on its own. */
export interface SensitivityJob {
  plan: Plan;
  units: readonly Unit[];
  values: ValueTable;
  scoreOptions: ScoreOptions;
  options: SensitivityOptions;
}

/** What one batch of draws returns: ranks per draw × unit, and per unit how many draws kept the grade. */
export interface DrawBatch {
  from: number;
  to: number;
  ranks: Int32Array;
  sameGrade: Int32Array;
}

const RELATIVE: ReadonlySet<MethodType> = new Set(['minmax', 'zscore', 'rank', 'frontier']);
const METHOD_VARIANTS = ['plan', 'minmax', 'zscore', 'rank'] as const;
const MISSING_VARIANTS = ['plan', 'exclude', 'classMean'] as const;

/** Draws `from`..`to` of an analysis; the unit of work a worker thread does. */
export class SensitivityRunner {
  readonly prep: Prepared;
  /** Leaf fractions per normalisation × missing-policy variant, computed on first use. */
  private readonly variants = new Map<string, LeafColumns>();
  /** Class × leaf fraction columns shared by the variants. */
  private readonly columns = new Map<string, Float64Array>();
  private readonly adjust: Float64Array;
  private readonly vetoed: Uint8Array;
  readonly baseRank: Int32Array;
  readonly baseGrade: Uint8Array;
  readonly methodVariants: string[];
  readonly missingVariants: string[];

  constructor(
    plan: Plan,
    units: readonly Unit[],
    values: ValueTable,
    scoreOptions: ScoreOptions,
    private readonly options: SensitivityOptions,
  ) {
    this.prep = prepare(plan, units, values, scoreOptions);
    const n = this.prep.units.length;
    const bonus = adjustments(this.prep, plan.bonus ?? [], plan.bonusCap).total;
    const deduction = adjustments(this.prep, plan.deduction ?? [], plan.deductionCap).total;
    this.adjust = bonus.map((b, u) => b - deduction[u]!);
    const hits = vetoes(this.prep);
    const k = plan.veto?.length ?? 0;
    this.vetoed = new Uint8Array(n);
    for (let u = 0; u < n; u++) for (let j = 0; j < k; j++) if (hits[u * k + j]) this.vetoed[u] = 1;
    const hasRelative = this.prep.nodes.leaves.some((l) => l !== undefined && RELATIVE.has(l.method.type));
    this.methodVariants = options.methods !== false && hasRelative ? [...METHOD_VARIANTS] : ['plan'];
    this.missingVariants = options.missing !== false ? [...MISSING_VARIANTS] : ['plan'];
    this.baseRank = new Int32Array(n);
    this.baseGrade = new Uint8Array(n);
    const base = aggregate(this.prep, this.leafColumns('plan', 'plan'), false).base;
    this.rankAndGrade(base, this.baseRank, this.baseGrade);
  }

  /**
   * Leaf fractions for a method × missing-policy variant. Columns are shared between variants wherever the
   * variant changes nothing for that class × leaf: a leaf not scored against the class keeps its method, and
   * a leaf with no missing value in the class is the same under every policy.
   */
  private leafColumns(method: string, missing: string): LeafColumns {
    const key = `${method}/${missing}`;
    let cols = this.variants.get(key);
    if (cols) return cols;
    const prep = this.prep;
    cols = prep.trees.map((tree, c) =>
      Array.from(tree.node, (g, p) => {
        if (!tree.leaf[p]) return undefined;
        const def = prep.nodes.leaves[g]!;
        const m = method !== 'plan' && RELATIVE.has(def.method.type) ? method : 'plan';
        const leaf = m === 'plan' ? def : { ...def, method: { type: m } as ScoringMethod };
        const policy = leafPolicy(prep, leaf, missing === 'plan' ? undefined : (missing as MissingPolicy));
        const k = `${c}/${g}/${m}/${this.hasMissing(c, g) ? policy : '-'}`;
        let col = this.columns.get(k);
        if (!col) {
          col = scoreClassLeaf(prep, c, g, leaf, policy).fraction;
          this.columns.set(k, col);
        }
        return col;
      }),
    );
    this.variants.set(key, cols);
    return cols;
  }

  private hasMissing(c: number, g: number): boolean {
    const raw = this.prep.raw.get(g)!;
    for (const u of this.prep.members[c]!) if (Number.isNaN(raw[u]!)) return true;
    return false;
  }

  /** Competition ranks within class and grades (thresholds, veto, quotas) of base totals. */
  private rankAndGrade(base: Float64Array, rank: Int32Array, grade: Uint8Array): void {
    const plan = this.prep.plan;
    const n = base.length;
    const total = new Float64Array(n);
    const keys = new Float64Array(n);
    const adjust = this.adjust;
    for (let u = 0; u < n; u++) {
      const t = Math.max(0, base[u]! + adjust[u]!);
      total[u] = t;
      keys[u] = totalKey(t);
    }
    const lowest = gradeIndex(plan.grading.thresholds[plan.grading.thresholds.length - 1]!.grade);
    for (const members of this.prep.members) {
      competitionRank(keys, members, true, rank);
      for (const u of members) grade[u] = this.vetoed[u] ? lowest : gradeByThreshold(plan.grading, total[u]!);
      if (plan.grading.quotas) applyQuotas(plan.grading, members, total, grade);
    }
  }

  /** Runs draws from..to; `onProgress` hears the count done every 10 draws and at the end. */
  run(from: number, to: number, onProgress?: (done: number) => void): DrawBatch {
    const n = this.prep.units.length;
    const noise = this.options.weightNoise ?? 0.2;
    const ranks = new Int32Array((to - from) * n);
    const sameGrade = new Int32Array(n);
    const rank = new Int32Array(n);
    const grade = new Uint8Array(n);
    const weights = this.prep.trees.map((t) => new Float64Array(t.weight.length));
    for (let d = from; d < to; d++) {
      const rnd = drawRandom(this.options.seed, d);
      const method = this.methodVariants[Math.floor(rnd() * this.methodVariants.length)]!;
      const missing = this.missingVariants[Math.floor(rnd() * this.missingVariants.length)]!;
      this.prep.trees.forEach((t, c) => {
        const w = weights[c]!;
        for (let p = 0; p < w.length; p++) w[p] = t.weight[p]! * (1 + noise * (2 * rnd() - 1));
        normaliseSiblings(t.roots, w);
        for (const kids of t.children) if (kids.length) normaliseSiblings(kids, w);
      });
      const base = aggregate(this.prep, this.leafColumns(method, missing), false, weights).base;
      this.rankAndGrade(base, rank, grade);
      ranks.set(rank, (d - from) * n);
      for (let u = 0; u < n; u++) if (grade[u] === this.baseGrade[u]) sameGrade[u]!++;
      if (onProgress && ((d - from + 1) % 10 === 0 || d + 1 === to)) onProgress(d - from + 1);
    }
    return { from, to, ranks, sameGrade };
  }
}

function normaliseSiblings(kids: Int32Array, w: Float64Array): void {
  let sum = 0;
  for (const k of kids) sum += w[k]!;
  for (const k of kids) w[k] = w[k]! / sum;
}

/** Combines batches (in any order) into per-unit figures. */
export function summarise(
  runner: SensitivityRunner,
  options: SensitivityOptions,
  batches: DrawBatch[],
): SensitivityResult {
  const { units } = runner.prep;
  const n = units.length;
  const draws = options.draws;
  const sameGrade = new Int32Array(n);
  for (const b of batches) for (let u = 0; u < n; u++) sameGrade[u]! += b.sameGrade[u]!;
  const column = new Int32Array(draws);
  const stable = options.stableShare ?? 0.9;
  const at = (q: number) => column[Math.min(draws - 1, Math.max(0, Math.ceil(q * draws) - 1))]!;
  const out: UnitSensitivity[] = units.map((info, u) => {
    let i = 0;
    for (const b of batches) for (let d = 0; d < b.to - b.from; d++) column[i++] = b.ranks[d * n + u]!;
    column.sort();
    const share = draws > 0 ? sameGrade[u]! / draws : 1;
    return {
      code: info.code,
      name: info.name,
      class: info.class,
      rank: runner.baseRank[u]!,
      median: at(0.5),
      p05: at(0.05),
      p95: at(0.95),
      gradeStability: share,
      unstable: share < stable,
    };
  });
  return {
    draws,
    seed: options.seed,
    weightNoise: options.weightNoise ?? 0.2,
    methodVariants: runner.methodVariants,
    missingVariants: runner.missingVariants,
    units: out,
    unstableCount: out.filter((x) => x.unstable).length,
  };
}

/** Runs the whole analysis on this thread. For large work see `sensitivityParallel` (sensitivity-parallel.ts). */
export function sensitivity(
  plan: Plan,
  units: readonly Unit[],
  values: ValueTable,
  scoreOptions: ScoreOptions,
  options: SensitivityOptions,
): SensitivityResult {
  if (!Number.isInteger(options.draws) || options.draws < 1)
    throw new RangeError('draws must be a positive integer');
  const runner = new SensitivityRunner(plan, units, values, scoreOptions, options);
  return summarise(runner, options, [runner.run(0, options.draws)]);
}
