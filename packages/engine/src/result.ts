import type { Grade, MethodType, Plan, Source } from './plan.js';

/**
 * What `score()` returns for one period: every unit's raw values, points, totals, ranks and grades, plus what
 * is needed to explain them. Per-unit × per-node figures are stored node-major in typed arrays (use
 * {@link cell}: `node * units.length + unit`) because a province has millions of them and scoring fills them
 * one indicator at a time; `unitResult()` gives one unit as plain objects.
 */
export interface ResultSet {
  /** The plan scored with, so that a result explains itself on its own. */
  plan: Plan;
  planId: string;
  planVersion: number;
  period: string;
  fullMarks: number;
  units: UnitInfo[];
  /** Every node of every class tree (groups and leaves), in tree order; codes are unique. */
  nodes: NodeInfo[];
  /**
   * Unit classes in plan order with their member count, and the nodes of the class's tree (indexes into
   * `nodes`, tree order) with the weight the class gives each among its siblings.
   */
  classes: { code: string; name: string; size: number; nodes: number[]; weights: number[] }[];
  /** Raw value of a leaf after source combination and imputation; NaN for groups and missing values. */
  raw: Float64Array;
  /** Fraction of the node's full marks earned (0…cap); NaN when excluded or not in the unit's tree. */
  fraction: Float64Array;
  /** The node's full marks for this unit after class weights and re-weighting; 0 when not in its tree. */
  fullPoints: Float64Array;
  /** Bitmask of {@link FLAG} per unit × node. */
  flags: Uint16Array;
  /** Per unit: sum of the tree's points before bonus and deduction. */
  base: Float64Array;
  bonus: Float64Array;
  deduction: Float64Array;
  total: Float64Array;
  /** Standard competition rank (1, 2, 2, 4) within the unit's class. */
  rank: Int32Array;
  /** Rank across all classes; only when the plan sets rankAcrossClasses. */
  overallRank: Int32Array | null;
  /** Index into GRADES of the final grade, after veto and quotas. */
  grade: Uint8Array;
  /** Index into GRADES of the grade the thresholds alone give. */
  gradeByScore: Uint8Array;
  /** Per unit bitmask of {@link UNIT_FLAG}. */
  unitFlags: Uint8Array;
  bonusItems: AdjustmentInfo[];
  deductionItems: AdjustmentInfo[];
  vetoItems: { code: string; name: string; condition: string }[];
  /** Points per unit × item (row-major unit * items.length + item), after the item's cap. */
  bonusPoints: Float64Array;
  deductionPoints: Float64Array;
  /** 1 where the unit × veto item condition held. */
  vetoHits: Uint8Array;
  /** Per class × leaf: what the class-relative methods compared against (for explanations). */
  classStats: ClassLeafStats[];
  /** The element values formulas read, for explanations: one entry per element × period reference. */
  inputs: InputColumn[];
}

export interface UnitInfo {
  code: string;
  name: string;
  class: string;
  parent?: string;
  elasticity: number;
}

export interface NodeInfo {
  code: string;
  name: string;
  leaf: boolean;
  /** 0 for dimensions. */
  depth: number;
  /** Index of the parent node in `nodes`, -1 for dimensions. */
  parent: number;
  /** Code of the dimension the node belongs to. */
  dimension: string;
  kind?: 'result' | 'process';
  direction?: 'up' | 'down';
  method?: MethodType;
  formula?: string;
  unit?: string;
  target?: number;
  baseline?: number;
  stretch?: number;
  core?: boolean;
}

export interface AdjustmentInfo {
  code: string;
  name: string;
  formula: string;
  pointsPer: number;
  cap: number;
}

export interface ClassLeafStats {
  class: string;
  node: string;
  /** Units with a value. */
  n: number;
  min: number;
  max: number;
  mean: number;
  /** Population standard deviation. */
  sd: number;
  /** The best value by the indicator's direction. */
  best: number;
}

export interface InputColumn {
  element: string;
  /** Period the column was read for (the scored period, previous period or same period last year). */
  period: string;
  /** Per unit; NaN when absent. */
  value: Float64Array;
  /** Per unit, index into SOURCES of the source that supplied the value (255 = none or combined). */
  source: Uint8Array;
}

/**
 * Points a unit × node (at = {@link cell}) contributes: fraction × full points, 0 when excluded or not in
 * the unit's tree. Derived rather than stored, to keep a province's result one matrix lighter.
 */
export function pointsAt(rs: Pick<ResultSet, 'fraction' | 'fullPoints'>, at: number): number {
  const f = rs.fraction[at]!;
  return Number.isNaN(f) ? 0 : rs.fullPoints[at]! * f;
}

/** Index of a unit × node figure in the ResultSet's per-unit × per-node arrays. */
export function cell(rs: Pick<ResultSet, 'units'>, unit: number, node: number): number {
  return node * rs.units.length + unit;
}

/** Per unit × node flags. */
export const FLAG = {
  /** No value from any source. */
  missing: 1 << 0,
  /** Missing and left out; siblings re-weighted. */
  excluded: 1 << 1,
  /** Missing and scored zero. */
  zeroed: 1 << 2,
  /** Missing and the previous period's value carried forward. */
  carried: 1 << 3,
  /** Missing and the class mean imputed. */
  classMean: 1 << 4,
  /** The method's cap limited the score. */
  capped: 1 << 5,
  /** The unit's elasticity coefficient changed the score. */
  elasticity: 1 << 6,
  /** Several sources were combined by weights. */
  combined: 1 << 7,
} as const;
export type FlagName = keyof typeof FLAG;

export const UNIT_FLAG = {
  veto: 1 << 0,
  /** The grade was lowered to keep a quota. */
  quotaDemoted: 1 << 1,
  bonusCapped: 1 << 2,
  deductionCapped: 1 << 3,
} as const;
export type UnitFlagName = keyof typeof UNIT_FLAG;

export function flagNames(mask: number): FlagName[] {
  return (Object.keys(FLAG) as FlagName[]).filter((k) => (mask & FLAG[k]) !== 0);
}

export function unitFlagNames(mask: number): UnitFlagName[] {
  return (Object.keys(UNIT_FLAG) as UnitFlagName[]).filter((k) => (mask & UNIT_FLAG[k]) !== 0);
}

/** One unit's results as plain objects. */
export interface UnitResult {
  unit: UnitInfo;
  total: number;
  base: number;
  bonus: number;
  deduction: number;
  rank: number;
  classSize: number;
  overallRank?: number;
  grade: Grade;
  gradeByScore: Grade;
  flags: UnitFlagName[];
  /** Points per dimension code. */
  dimensions: Record<string, number>;
  nodes: NodeResult[];
  vetoes: string[];
}

export interface NodeResult {
  code: string;
  raw: number | null;
  fraction: number | null;
  points: number;
  fullPoints: number;
  flags: FlagName[];
}

export type { Source };
