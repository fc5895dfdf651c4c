/**
 * The assessment plan (考核方案): a versioned JSON document. Types here are the single description of its
 * shape in code; `plan-schema.ts` validates the same shape at run time and produces the JSON Schema, and
 * docs/plan-format.md explains every field to people who write plans.
 */

/** Data sources of a value (自评 / 第三方评估 / 实地核查 / 群众评议). */
export const SOURCES = ['self', 'thirdParty', 'inspection', 'survey'] as const;
export type Source = (typeof SOURCES)[number];

export type Grade = 'A' | 'B' | 'C' | 'D';
export const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D'];

/** How an element's values for shorter periods roll up into a longer one (月保季、季保年). */
export type Rollup = 'sum' | 'avg' | 'last' | 'max' | 'min';

/** 数据元: a raw figure that units report or that flows in from other systems. */
export interface DataElement {
  code: string;
  name: string;
  /** Unit of measure shown in forms, e.g. "件", "%", "个工作日". */
  unit?: string;
  rollup: Rollup;
  /** Plausible range; values outside are still accepted but flagged by reviewers and the generator's checks. */
  min?: number;
  max?: number;
  help?: string;
  /**
   * A computed element (计算数据元): derived from other elements by a formula, never reported by units,
   * e.g. `#{hotline.closed} / #{hotline.total}`. Computed elements may use other computed elements but
   * never themselves, directly or through others.
   */
  formula?: string;
}

/** How the values of one element from several sources become one value (多源数据). */
export type SourceRule =
  /** The first source in `order` that has a value wins (e.g. verified beats self). */
  | { combine: 'precedence'; order: Source[] }
  /** Weighted mean of the sources present, weights re-normalised over those present (第三方35%、问卷40%…). */
  | { combine: 'weighted'; weights: Partial<Record<Source, number>> };

/** What to do when a unit has no value for an indicator. Always flagged in the explanation. */
export type MissingPolicy = 'zero' | 'exclude' | 'carry' | 'classMean';

/** A stepwise level: for direction up the first level with `value >= atLeast` applies, for down `value <= atMost`. */
export interface Band {
  atLeast?: number;
  atMost?: number;
  points: number;
  /** Shown in explanations, e.g. "1小时内响应". */
  label?: string;
}

/**
 * Scoring methods turn an indicator's raw value into a fraction of its full marks (0…1, or up to `cap`).
 * Methods that look across units (`minmax`, `zscore`, `rank`, `frontier`, `rankPoints`, `deviation` with a
 * class mean) compare a unit with the others of its unit class.
 */
export type ScoringMethod =
  /** Achievement ratio value/target (down: target/value), capped at `cap` (default 1). */
  | { type: 'target'; cap?: number }
  /**
   * Baseline → target is 0 → 1, never below 0. Without a stretch value it keeps rising past the target up
   * to `cap` (default 1, i.e. clamped at the target); with one, target → stretch is 1 → `cap`.
   */
  | { type: 'linear'; cap?: number }
  /** (v − min)/(max − min) across the class; all equal → 1. */
  | { type: 'minmax' }
  /** z-score across the class mapped linearly from [−span, +span] to [0, 1] (span default 3). */
  | { type: 'zscore'; span?: number }
  /** Percentile of the competition rank: (n − rank)/(n − 1); a class of one scores 1. */
  | { type: 'rank' }
  /** Proportional to the best unit of the class: v/best (down: best/v). "第1名得满分，其余按比例得分". */
  | { type: 'frontier' }
  /** Stepwise thresholds → points out of `outOf`; `otherwise` (default 0) when no band applies. */
  | { type: 'bands'; outOf: number; bands: Band[]; otherwise?: number }
  /** Behaviour-anchored scale (行为锚定): like bands, each level labelled, e.g. ≤1 h = 5, ≤2 h = 3, late = 0. */
  | { type: 'anchored'; outOf: number; levels: Band[]; otherwise?: number }
  /** Met or not: direction up → value ≥ target, down → value ≤ target; without a target, value ≠ 0. */
  | { type: 'binary' }
  /**
   * Points by rank position in the class, "排名1-5名依次赋予60、57、54、51、48分": `points[r-1]` for rank r,
   * `rest` (default 0) beyond the list; out of `outOf` (default points[0]).
   */
  | { type: 'rankPoints'; points: number[]; rest?: number; outOf?: number }
  /**
   * Deduction per step of deviation from a reference, "每超平均年龄1岁扣0.5分": from `outOf`, deduct `deduct`
   * for every `per` the value lies on the bad side of the reference (up: below, down: above);
   * `stepwise` counts whole steps only. Floors at 0.
   */
  | {
      type: 'deviation';
      outOf: number;
      reference: number | 'classMean';
      per: number;
      deduct: number;
      stepwise?: boolean;
    };

export type MethodType = ScoringMethod['type'];

interface NodeBase {
  code: string;
  name: string;
  /** Relative weight among siblings; siblings' weights add up to 1. */
  weight: number;
  description?: string;
}

/** A dimension or any inner node of the tree. */
export interface GroupNode extends NodeBase {
  children: IndicatorNode[];
}

/** A scored indicator (leaf). */
export interface LeafNode extends NodeBase {
  kind: 'result' | 'process';
  direction: 'up' | 'down';
  /**
   * The indicator's value: a formula over data elements (`#{hotline.closed} / #{hotline.total}`); a plain
   * element reference `#{code}` is the common case.
   */
  formula: string;
  method: ScoringMethod;
  unit?: string;
  baseline?: number;
  target?: number;
  stretch?: number;
  /** 核心指标: the unit's elasticity coefficient applies to its score. */
  core?: boolean;
  missing?: MissingPolicy;
  sources?: SourceRule;
  /** Data sources people see in the designer (e.g. "12345热线系统"); informative only. */
  dataSources?: string[];
}

export type IndicatorNode = GroupNode | LeafNode;

export function isLeaf(node: IndicatorNode): node is LeafNode {
  return !('children' in node);
}

/**
 * 加分项 / 扣分项: points = value of the formula × `pointsPer`, kept within 0…`cap` (a missing or negative
 * value gives 0). The plan's bonusCap / deductionCap then bound the sum; a total never falls below 0.
 */
export interface AdjustmentItem {
  code: string;
  name: string;
  formula: string;
  pointsPer: number;
  cap: number;
  description?: string;
}

/** 一票否决: when the condition is true (non-zero) the unit gets the lowest grade. */
export interface VetoItem {
  code: string;
  name: string;
  condition: string;
  description?: string;
}

export interface GradeThreshold {
  grade: Grade;
  /** Lowest total that earns this grade; the lowest grade has no minimum. */
  min?: number;
  label?: string;
}

export interface Grading {
  /** Ordered best first, e.g. A ≥ 90 (优秀), B ≥ 80, C ≥ 60, D. */
  thresholds: GradeThreshold[];
  /** Forced distribution: at most this share of a class may hold the grade (e.g. { A: 0.2 }). */
  quotas?: Partial<Record<Grade, number>>;
  /**
   * Units tied on total at a quota boundary: `strict` gives none of the tied group the grade when all of
   * them would exceed the quota; `lenient` gives all of them the grade.
   */
  tieRule?: 'strict' | 'lenient';
}

/** 分类考核: a class of units with its own tree or its own weights. */
export interface UnitClass {
  code: string;
  name: string;
  /** A whole tree of its own; when absent the plan's tree applies with `weights` and `exclude`. */
  tree?: IndicatorNode[];
  /** Node code → weight replacing the plan's weight for this class (siblings must still add up to 1). */
  weights?: Record<string, number>;
  /** Node codes left out for this class; siblings' weights are re-normalised. */
  exclude?: string[];
}

export interface Plan {
  /** Version of this document format. */
  format: 1;
  id: string;
  name: string;
  /** Version of this plan; published versions never change. */
  version: number;
  /** The period type this plan assesses: 'year' for 年度考核, 'quarter' for 季度考核 … */
  periodType: PeriodType;
  /** Points of a full score before bonus and deduction; 100 by default. */
  fullMarks?: number;
  elements: DataElement[];
  tree: IndicatorNode[];
  classes: UnitClass[];
  bonus?: AdjustmentItem[];
  /** Cap on the sum of bonus points. */
  bonusCap?: number;
  deduction?: AdjustmentItem[];
  /** Cap on the sum of deduction points. */
  deductionCap?: number;
  veto?: VetoItem[];
  grading: Grading;
  /** Rank only within a class (default) or also across all classes (`overallRank`). */
  rankAcrossClasses?: boolean;
  /** Bounds of the elasticity coefficient (弹性系数) a unit may carry; default 0.8–1.2. */
  elasticity?: { min: number; max: number };
  /** Source rule for indicators that state none; default precedence inspection > thirdParty > survey > self. */
  sources?: SourceRule;
  /** Missing-value policy for indicators that state none; default 'zero'. */
  missing?: MissingPolicy;
}

export type PeriodType = 'month' | 'quarter' | 'half' | 'year';

export const DEFAULT_SOURCE_RULE: SourceRule & { combine: 'precedence' } = {
  combine: 'precedence',
  order: ['inspection', 'thirdParty', 'survey', 'self'],
};
export const DEFAULT_ELASTICITY = { min: 0.8, max: 1.2 } as const;
export const DEFAULT_FULL_MARKS = 100;
