import { GRADES } from './plan.js';
import {
  flagNames,
  type NodeResult,
  pointsAt,
  type ResultSet,
  type UnitResult,
  unitFlagNames,
} from './result.js';
import { resultIndex } from './result-index.js';

/** Index of a unit in a result set, or -1. */
export function unitIndexOf(rs: ResultSet, code: string): number {
  return resultIndex(rs).byCode.get(code) ?? -1;
}

function orNull(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}

/** One unit's results as plain objects (for APIs, JSON and tests). */
export function unitResult(rs: ResultSet, unit: number | string): UnitResult {
  const u = typeof unit === 'number' ? unit : unitIndexOf(rs, unit);
  const info = rs.units[u];
  if (!info) throw new RangeError(`unknown unit ${unit}`);
  const n = rs.units.length;
  const nodes: NodeResult[] = [];
  const dimensions: Record<string, number> = {};
  const cls = rs.classes.find((c) => c.code === info.class);
  for (const g of cls?.nodes ?? []) {
    const node = rs.nodes[g]!;
    const at = g * n + u;
    nodes.push({
      code: node.code,
      raw: orNull(rs.raw[at]!),
      fraction: orNull(rs.fraction[at]!),
      points: pointsAt(rs, at),
      fullPoints: rs.fullPoints[at]!,
      flags: flagNames(rs.flags[at]!),
    });
    if (node.depth === 0) dimensions[node.code] = pointsAt(rs, at);
  }
  const nVeto = rs.vetoItems.length;
  const result: UnitResult = {
    unit: info,
    total: rs.total[u]!,
    base: rs.base[u]!,
    bonus: rs.bonus[u]!,
    deduction: rs.deduction[u]!,
    rank: rs.rank[u]!,
    classSize: cls?.size ?? 0,
    grade: GRADES[rs.grade[u]!]!,
    gradeByScore: GRADES[rs.gradeByScore[u]!]!,
    flags: unitFlagNames(rs.unitFlags[u]!),
    dimensions,
    nodes,
    vetoes: rs.vetoItems.filter((_, j) => rs.vetoHits[u * nVeto + j]).map((v) => v.code),
  };
  if (rs.overallRank) result.overallRank = rs.overallRank[u]!;
  return result;
}

/** Dimension points of every unit in a column per dimension, for tables and CSV. */
export function dimensionCodes(rs: ResultSet): string[] {
  return rs.nodes.filter((n) => n.depth === 0).map((n) => n.code);
}
